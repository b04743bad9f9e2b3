using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Evaluation;

/// <summary>
/// The outcome evaluation (issue 6): the definitions on a crafted cohort, "0 of N" with its upper bound, small-cell
/// suppression in the CSV and the API (exact but marked on the analyst's screen), other roles refused, bad filters
/// answered clearly, no personal data anywhere. Each test seeds its own site (or site and cohort) so they stay apart.
/// </summary>
public sealed partial class EvaluationPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>
    /// Lyon, cohort 2021 (windows 2021-03-01 → 2023-03-01 unless said; today is later):
    /// A no offence; B other offence in the window; C terrorism-related conviction in the window; D other offence
    /// after the window (not counted); E window running to 2030, no offence (still under follow-up); F returned to
    /// prison in 2022, then an offence (left early, offence not counted); G window to 2030 with an other offence in
    /// 2024 (known); H referred, never enrolled; I enrolled without a window (counted apart).
    /// Enrolled 7, known 5 (A B C D G), terrorism-related 1 (C), other 2 (B G), under follow-up 1 (E), left early 1 (F).
    /// </summary>
    private Task<string> LyonAsync() => factory.OnceAsync("lyon-2021", async () =>
    {
        var start = D(2021, 3, 1);
        var end = D(2023, 3, 1);
        var lyon = new EvaluationSeed.Builder("LYS");
        lyon.Enrolled(start, end, end, ParticipantEndReason.FollowUpCompleted);
        var b = lyon.Enrolled(start, end, end, ParticipantEndReason.FollowUpCompleted);
        lyon.Event(b, ParticipantEventKind.NewOffence, D(2022, 1, 10), OffenceCategory.Other);
        var c = lyon.Enrolled(start, end, end, ParticipantEndReason.FollowUpCompleted);
        lyon.Event(c, ParticipantEventKind.Conviction, D(2021, 9, 1), OffenceCategory.TerrorismRelated);
        var d = lyon.Enrolled(start, end, end, ParticipantEndReason.FollowUpCompleted);
        lyon.Event(d, ParticipantEventKind.NewOffence, D(2023, 6, 1), OffenceCategory.Other);
        lyon.Enrolled(start, D(2030, 3, 1));
        var f = lyon.Enrolled(start, end, D(2022, 1, 1), ParticipantEndReason.ReturnToPrison);
        lyon.Event(f, ParticipantEventKind.ReturnToPrison, D(2022, 1, 1)).Event(f, ParticipantEventKind.NewOffence, D(2022, 6, 1), OffenceCategory.Other);
        var g = lyon.Enrolled(start, D(2030, 3, 1));
        lyon.Event(g, ParticipantEventKind.NewOffence, D(2024, 1, 1), OffenceCategory.Other);
        lyon.Enrolled(start, null, status: ParticipantStatus.NotEnrolled);
        lyon.Enrolled(start, null);
        await lyon.SaveAsync(factory);
        return string.Empty;
    });

    /// <summary>Paris: cohort 2017, 3 completed windows; cohort 2018, 8 completed windows; no offence.</summary>
    private Task<string> ParisAsync() => factory.OnceAsync("paris", async () =>
    {
        await new EvaluationSeed.Builder("PAR")
            .Completed(3, D(2017, 5, 1), D(2019, 5, 1))
            .Completed(8, D(2018, 5, 1), D(2020, 5, 1))
            .SaveAsync(factory);
        return string.Empty;
    });

    [Fact]
    public async Task Analyst_SeesTheDefinitionsAppliedToACraftedCohort_ExactCountsMarkedWhenSmall()
    {
        await LyonAsync();
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        var page = await analyst.GetAsync("/evaluation?site=LYS&cohort=2021");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var table = Table(page.Html, "comparison");
        table[0].ShouldBe(["Site et cohorte", "Inscrits", "Issue connue", "Récidive en lien avec le terrorisme", "Autre récidive", "Encore en suivi (censurés)", "Sortis avant la fin de la fenêtre (censurés)"]);
        table[1].ShouldBe(["Lyon — cohorte 2021", "7", "5", "1 sur 5 : 20 % (IC 95 % 0,5–71,6 %) *", "2 sur 5 : 40 % (IC 95 % 5,3–85,3 %) *", "1 *", "1 *"]);
        table[2][0].ShouldBe("Lyon — toutes cohortes");
        table.Count.ShouldBe(3); // one site: no grand total
        page.Html.ShouldContain(Fr("evaluation.legend-exact-small"));
        page.Html.ShouldContain(Fr("evaluation.without-window", 1));
        page.Html.ShouldContain(Fr("evaluation.caution"));
        page.Html.ShouldContain(Fr("evaluation.definitions.known"));

        // The curve (any offence): first offences at C (6 months), B (10 months), G (34 months); the returned participant is censored.
        var curve = Table(page.Html, "curve-lys");
        curve.Count.ShouldBe(4);
        curve[1].ShouldBe(["6", "7", "1 *", "0", "85,7 %", "33,4–97,9 %"]);
        page.Html.ShouldContain("<canvas id=\"chart-lys\" role=\"img\"");
        page.Html.ShouldContain("href=\"#table-curve-lys\"");
        page.Html.ShouldContain("/js/evaluation.js");
    }

    [Fact]
    public async Task ZeroOfN_IsShownWithItsExactUpperBounds_NeverABare0()
    {
        await new EvaluationSeed.Builder("MRS").Completed(6, D(2020, 2, 1), D(2022, 2, 1)).SaveAsync(factory);
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        var page = await analyst.GetAsync("/evaluation?site=MRS&cohort=2020");

        var row = Table(page.Html, "comparison")[1];
        row[0].ShouldBe("Marseille — cohorte 2020");
        row[3].ShouldBe("0 sur 6 : 0 % (IC 95 % 0–45,9 %) — borne supérieure unilatérale à 95 % : 39,3 %");
        row[4].ShouldBe(row[3]);
        page.Html.ShouldContain(Fr("evaluation.curve-no-event"));

        using var english = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        var en = await english.GetAsync("/evaluation?site=MRS&cohort=2020&culture=en");
        Table(en.Html, "comparison")[1][3].ShouldBe("0 of 6: 0% (95% CI 0–45.9%) — one-sided 95% upper bound: 39.3%");
    }

    [Fact]
    public async Task Csv_SuppressesSmallCounts_WithholdsTheirIntervals_AndIsAudited()
    {
        await LyonAsync();
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        var audited = await AuditAsync("evaluation.exported");

        var lines = await CsvAsync(analyst, "/evaluation?handler=Csv&site=LYS&cohort=2021", "evaluation-programme-lys-2021.csv");

        lines.ShouldContain("LYS;2021;7;5;< 5;n.p.;n.p.;n.p.;< 5;n.p.;n.p.;n.p.;< 5;< 5");
        lines.ShouldContain("LYS;Toutes les cohortes;7;5;< 5;n.p.;n.p.;n.p.;< 5;n.p.;n.p.;n.p.;< 5;< 5");
        lines.ShouldContain("Courbe de Kaplan–Meier, site de Lyon;Participants;7;Médiane (mois);n.p.");
        lines.ShouldContain("0;7;0;100,0;;");
        lines.ShouldNotContain(l => l.Contains("20,0", StringComparison.Ordinal) || l.Contains("85,7", StringComparison.Ordinal));
        (await AuditAsync("evaluation.exported")).ShouldBe(audited + 1);
    }

    [Fact]
    public async Task Csv_AppliesSecondarySuppression_SoASmallCohortCannotBeRecomputedFromTheSiteTotal()
    {
        await ParisAsync();
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        var lines = await CsvAsync(analyst, "/evaluation?handler=Csv&site=PAR", "evaluation-programme-par-toutes-cohortes.csv");

        lines.ShouldContain("PAR;2017;< 5;< 5;0;n.p.;n.p.;n.p.;0;n.p.;n.p.;n.p.;0;0");
        lines.ShouldContain("PAR;2018;s;s;0;n.p.;n.p.;n.p.;0;n.p.;n.p.;n.p.;0;0");
        lines.ShouldContain("PAR;Toutes les cohortes;11;11;0;0,0;0,0;28,5;0;0,0;0,0;28,5;0;0");

        // The analyst's screen shows the exact counts, the small one marked.
        var page = await analyst.GetAsync("/evaluation?site=PAR");
        var table = Table(page.Html, "comparison");
        table[1][0..3].ShouldBe(["Paris — cohorte 2017", "3 *", "3 *"]);
        table[2][0..3].ShouldBe(["Paris — cohorte 2018", "8", "8"]);
    }

    [Fact]
    public async Task RecidivismApi_IsSuppressedLikeTheCsv()
    {
        await LyonAsync();
        await ParisAsync();
        var analyst = await factory.UserAsync(Roles.Analyst, AccessScope.NationalValue);
        using var client = factory.ClientFor(analyst);

        var lyon = await client.GetFromJsonAsync<JsonElement>("/api/v1/evaluation/recidivism?site=LYS&cohort=2021");

        lyon.GetProperty("suppression").GetProperty("applied").GetBoolean().ShouldBeTrue();
        var row = lyon.GetProperty("rows")[0];
        row.GetProperty("site").GetString().ShouldBe("LYS");
        row.GetProperty("cohort").GetInt32().ShouldBe(2021);
        row.GetProperty("enrolled").GetProperty("value").GetInt32().ShouldBe(7);
        var tr = row.GetProperty("terrorismRelated");
        tr.GetProperty("count").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        tr.GetProperty("count").GetProperty("suppression").GetString().ShouldBe("small");
        tr.GetProperty("withheld").GetBoolean().ShouldBeTrue();
        tr.GetProperty("proportion").ValueKind.ShouldBe(JsonValueKind.Null);
        tr.GetProperty("upper").ValueKind.ShouldBe(JsonValueKind.Null);
        row.GetProperty("underFollowUp").GetProperty("suppression").GetString().ShouldBe("small");

        var paris = await client.GetFromJsonAsync<JsonElement>("/api/v1/evaluation/recidivism?site=PAR");
        var total = paris.GetProperty("rows")[2];
        total.GetProperty("cohort").ValueKind.ShouldBe(JsonValueKind.Null);
        var zero = total.GetProperty("terrorismRelated");
        zero.GetProperty("proportion").GetDouble().ShouldBe(0);
        zero.GetProperty("upper").GetDouble().ShouldBe(1 - Math.Pow(0.025, 1.0 / 11), 1e-6);
        zero.GetProperty("oneSidedUpper").GetDouble().ShouldBe(1 - Math.Pow(0.05, 1.0 / 11), 1e-6);
        paris.GetProperty("rows")[1].GetProperty("enrolled").GetProperty("suppression").GetString().ShouldBe("secondary");
    }

    [Fact]
    public async Task SurvivalApi_WithholdsTheCurveWhereItsCountsAreSuppressed()
    {
        await LyonAsync();
        var analyst = await factory.UserAsync(Roles.Analyst, AccessScope.NationalValue);
        using var client = factory.ClientFor(analyst);

        var answer = await client.GetFromJsonAsync<JsonElement>("/api/v1/evaluation/survival?site=LYS");

        answer.GetProperty("band").GetString().ShouldBe("log-log");
        answer.GetProperty("curves").GetArrayLength().ShouldBe(1);
        var curve = answer.GetProperty("curves")[0];
        curve.GetProperty("site").GetString().ShouldBe("LYS");
        curve.GetProperty("participants").GetProperty("value").GetInt32().ShouldBe(7);
        curve.GetProperty("offences").GetProperty("suppression").GetString().ShouldBe("small");
        curve.GetProperty("medianWithheld").GetBoolean().ShouldBeTrue();
        var points = curve.GetProperty("points").EnumerateArray().ToList();
        points[0].GetProperty("months").GetInt32().ShouldBe(0);
        points[0].GetProperty("survival").GetDouble().ShouldBe(1);
        points[0].GetProperty("atRisk").GetProperty("value").GetInt32().ShouldBe(7);
        points.Count.ShouldBeGreaterThan(2);
        foreach (var p in points.Skip(1))
        {
            // One offence in the first year already: every later estimate rests on a hidden count.
            p.GetProperty("withheld").GetBoolean().ShouldBeTrue();
            p.GetProperty("survival").ValueKind.ShouldBe(JsonValueKind.Null);
            p.GetProperty("lower").ValueKind.ShouldBe(JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task NoPersonalData_InThePage_TheCsv_OrTheApi()
    {
        await LyonAsync();
        await ParisAsync();
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        using var api = factory.ClientFor(await factory.UserAsync(Roles.Analyst, AccessScope.NationalValue));
        var ids = await factory.WithDbAsync(db => db.ProgrammeParticipants.Select(p => p.Id.ToString()).ToListAsync());
        var outputs = new List<string>
        {
            (await analyst.GetAsync("/evaluation")).Html,
            (await analyst.GetAsync("/evaluation?offence=other")).Html,
            Encoding.UTF8.GetString(await analyst.Client.GetByteArrayAsync(new Uri("/evaluation?handler=Csv", UriKind.Relative))),
            await api.GetStringAsync(new Uri("/api/v1/evaluation/recidivism", UriKind.Relative)),
            await api.GetStringAsync(new Uri("/api/v1/evaluation/survival", UriKind.Relative)),
        };

        foreach (var output in outputs)
        {
            output.ShouldNotContain("Quoniam", Case.Insensitive);
            output.ShouldNotContain("Zéphyrin", Case.Insensitive);
            output.ShouldNotContain("Z&#xE9;phyrin", Case.Insensitive);
            output.ShouldNotContain("SPIP", Case.Sensitive);
            foreach (var id in ids)
            {
                output.ShouldNotContain(id, Case.Insensitive);
            }
        }

        outputs[0].ShouldContain("Lyon — cohorte 2021");
        outputs[3].ShouldContain("\"site\":\"LYS\"");
    }

    [Theory]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.GedChair, "59")]
    [InlineData(Roles.Programme, "59,62,80,02,60")]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Clinician, "59")]
    [InlineData(Roles.Admin, "national")]
    [InlineData(Roles.Dpo, "national")]
    public async Task OtherRoles_GetNothing_PageCsvOrApi(string role, string territories)
    {
        await LyonAsync();
        using var session = await factory.SignInAsync(role, territories);
        var viewed = await AuditAsync("evaluation.viewed");

        foreach (var url in new[] { "/evaluation", "/evaluation?handler=Csv", "/evaluation?site=LYS&cohort=2021" })
        {
            var response = await session.GetAsync(url);
            response.Redirects.ShouldBeTrue(response.ToString());
            response.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }

        (await session.GetAsync("/")).Html.ShouldNotContain("href=\"/evaluation\"");
        var user = await factory.UserAsync(role, territories);
        using var client = factory.ClientFor(user);
        foreach (var url in new[] { "/api/v1/evaluation/recidivism?site=LYS", "/api/v1/evaluation/survival" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("LYS");
        }

        (await AuditAsync("evaluation.viewed")).ShouldBe(viewed);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_AndTheApiAnswers401()
    {
        using var anonymous = factory.NewSession();
        var page = await anonymous.GetAsync("/evaluation");
        page.Redirects.ShouldBeTrue();
        page.Location.ShouldNotBeNull().ShouldContain("/Account/Login", Case.Insensitive);
        using var client = factory.AnonymousClient();
        (await client.GetAsync(new Uri("/api/v1/evaluation/recidivism", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("cohort=abc", "cohort", "evaluation.error.cohort")]
    [InlineData("cohort=1999", "cohort", "evaluation.error.cohort")]
    [InlineData("cohort=2999", "cohort", "evaluation.error.cohort")]
    [InlineData("cohort=20210", "cohort", "evaluation.error.cohort")]
    [InlineData("site=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "site", "evaluation.error.site-unknown")]
    [InlineData("site='%3B%20DROP%20TABLE%20programme_participants%3B--", "site", "evaluation.error.site-unknown")]
    [InlineData("offence=..%2F..%2Fetc%2Fpasswd", "offence", "evaluation.error.offence-unknown")]
    [InlineData("programme=care", "programme", "evaluation.error.programme-unknown")]
    [InlineData("site=PAR&site=LIL", "site", "evaluation.error.repeated")]
    [InlineData("site=" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "site", "evaluation.error.site-unknown")]
    public async Task BadFilters_AnswerClearlyOnTheField_AndShowNothing(string query, string field, string message)
    {
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        var viewed = await AuditAsync("evaluation.viewed");
        var exported = await AuditAsync("evaluation.exported");
        var year = factory.Clock.GetUtcNow().Year;
        var expected = message == "evaluation.error.cohort" ? Fr(message, 2000, year) : Fr(message);

        foreach (var url in new[] { $"/evaluation?{query}", $"/evaluation?handler=Csv&{query}" })
        {
            var page = await analyst.GetAsync(url);

            page.Status.ShouldBe(HttpStatusCode.BadRequest, page.ToString());
            page.Html.ShouldContain(expected);
            page.Html.ShouldContain($"href=\"#{field}\"");
            page.Html.ShouldNotContain("<script>alert(1)");
            page.Html.ShouldNotContain("DROP TABLE");
            page.Html.ShouldNotContain("table-comparison");
        }

        using var client = factory.ClientFor(await factory.UserAsync(Roles.Analyst, AccessScope.NationalValue));
        using var api = await client.GetAsync(new Uri($"/api/v1/evaluation/recidivism?{query}", UriKind.Relative));
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(FrText(message, 2000, year));
        (await AuditAsync("evaluation.viewed")).ShouldBe(viewed);
        (await AuditAsync("evaluation.exported")).ShouldBe(exported);
    }

    [Fact]
    public async Task ViewsAreAudited_WithTheFilterCodesOnly()
    {
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        (await analyst.GetAsync("/evaluation?site=SXB&cohort=2024&offence=terrorism")).Html.ShouldContain(Fr("evaluation.empty"));

        var last = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "evaluation.viewed").OrderByDescending(e => e.Seq).FirstAsync());
        last.Reason.ShouldBe("page programme=disengagement site=SXB cohort=2024 offence=terrorism");
        last.Role.ShouldBe(Roles.Analyst);
        last.ObjectId.ShouldBeNull();
    }

    private Task<int> AuditAsync(string action) => factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action));

    private static async Task<string[]> CsvAsync(WebSession session, string url, string fileName)
    {
        using var response = await session.Client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe(fileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
    }

    /// <summary>The rows of the table <c>#table-{id}</c> as cell texts (header row first).</summary>
    private static List<string[]> Table(string html, string id)
    {
        var start = html.IndexOf($"id=\"table-{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"no table {id}");
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        var table = html[start..end];
        return [.. RowPattern().Matches(table).Select(row => CellPattern().Matches(row.Groups[2].Value)
            .Select(c => WebUtility.HtmlDecode(Whitespace().Replace(TagPattern().Replace(c.Groups[1].Value, string.Empty), " ").Trim())).ToArray())];
    }

    [GeneratedRegex("<tr( [^>]*)?>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
