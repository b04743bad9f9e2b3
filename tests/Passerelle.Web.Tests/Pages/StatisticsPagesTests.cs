using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The statistics page and its CSV (issue 4): exact counts for a panel's own départements, small counts
/// suppressed for the national analyst, nothing across départements, other roles refused, bad filters
/// answered clearly. Each test seeds its own long-past months (12:00 UTC on the 15th unless said).
/// </summary>
public sealed partial class StatisticsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static readonly int[] Hours = [1, 2, 2, 5, 10];

    private static readonly string[] DoorColumns = ["Mois", "Plateforme téléphonique", "Formulaire public", "Partenaire professionnel", "Service de l'État", "GED", "Total"];

    [Fact]
    public async Task Ged59_SeesExactCountsPerDoorAndMonth_OfOwnDepartementOnly_MonthsInParisTime()
    {
        await StatisticsSeed.AddAsync(factory,
            StatisticsSeed.Many(3, "59", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2021, 1)),
            StatisticsSeed.Many(1, "59", ReportSource.Professional, Urgency.Priority, StatisticsSeed.Mid(2021, 1)),
            StatisticsSeed.Many(2, "59", ReportSource.PublicForm, Urgency.Routine, StatisticsSeed.Mid(2021, 2)),

            // 23:30 UTC on 31 January is 00:30 on 1 February in Paris: a February report.
            StatisticsSeed.Many(1, "59", ReportSource.Hotline, Urgency.Urgent, new DateTime(2021, 1, 31, 23, 30, 0, DateTimeKind.Utc)),
            StatisticsSeed.Many(7, "75", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2021, 1)));
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");

        var page = await ged59.GetAsync("/statistics?from=2021-01&to=2021-03");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var table = Table(page.Html, "by-month");
        table[0].ShouldBe(DoorColumns);
        table[1].ShouldBe(["janvier 2021", "3", "0", "1", "0", "0", "4"]);
        table[2].ShouldBe(["février 2021", "1", "2", "0", "0", "0", "3"]);
        table[3].ShouldBe(["mars 2021", "0", "0", "0", "0", "0", "0"]);
        table[4].ShouldBe(["Total", "4", "2", "1", "0", "0", "7"]);
        var urgency = Table(page.Html, "by-urgency");
        urgency[1].ShouldBe(["Normale", "3", "2", "0", "0", "0", "5"]);
        urgency[3].ShouldBe(["Urgente", "1", "0", "0", "0", "0", "1"]);
        page.Html.ShouldNotContain("&lt; 5");
        page.Html.ShouldNotContain("table-by-territory");
        page.Html.ShouldNotContain("table-miviludes");
        page.Html.ShouldContain("<canvas id=\"chart-by-month\" role=\"img\"");
        page.Html.ShouldContain("aria-describedby=\"chart-by-month-alt\"");
        page.Html.ShouldContain("href=\"#table-by-month\"");
        page.Html.ShouldContain("/lib/chartjs/chart.umd.min.js");
    }

    [Fact]
    public async Task Analyst_SeesSmallCountsAsLessThan5_ZeroAs0_FiveShown_AndSecondarySuppression()
    {
        // Département 13, hotline, waiting: January 5, February 2, March 5 (see StatisticsApiTests for the same rule).
        await StatisticsSeed.AddAsync(factory,
            StatisticsSeed.Many(5, "13", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2020, 1)),
            StatisticsSeed.Many(2, "13", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2020, 2)),
            StatisticsSeed.Many(5, "13", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2020, 3)));
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        var page = await analyst.GetAsync("/statistics?from=2020-01&to=2020-03");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var table = Table(page.Html, "by-month");
        table[1].ShouldBe(["janvier 2020", "s", "0", "0", "0", "0", "s"]);
        table[2].ShouldBe(["février 2020", "< 5", "0", "0", "0", "0", "< 5"]);
        table[3].ShouldBe(["mars 2020", "5", "0", "0", "0", "0", "5"]);
        table[4].ShouldBe(["Total", "12", "0", "0", "0", "0", "12"]);
        Table(page.Html, "by-territory")[1].ShouldBe(["13 — Bouches-du-Rhône", "12"]);
        page.Html.ShouldContain(Fr("statistics.note-suppressed"));
        page.Html.ShouldContain(Fr("statistics.legend-secondary"));

        // The analyst's own panel would see the exact 2; here nothing on the page gives it.
        using var ged13 = await factory.SignInAsync(Roles.Ged, "13");
        Table((await ged13.GetAsync("/statistics?from=2020-01&to=2020-03")).Html, "by-month")[2].ShouldBe(["février 2020", "2", "0", "0", "0", "0", "2"]);
    }

    [Fact]
    public async Task AnalystCsv_HasTheSameSuppression_Utf8BomSemicolons()
    {
        await StatisticsSeed.AddAsync(factory,
            StatisticsSeed.Many(5, "06", ReportSource.Agency, Urgency.Routine, StatisticsSeed.Mid(2019, 1)),
            StatisticsSeed.Many(3, "06", ReportSource.Agency, Urgency.Routine, StatisticsSeed.Mid(2019, 2)),
            StatisticsSeed.Many(6, "06", ReportSource.Agency, Urgency.Routine, StatisticsSeed.Mid(2019, 3)));
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        var audited = await AuditAsync("statistics.exported");

        using var response = await analyst.Client.GetAsync(new Uri("/statistics?handler=Csv&from=2019-01&to=2019-03", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("statistiques-signalements-2019-01-2019-03.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        var header = Array.IndexOf(lines, "Signalements par mois et par porte d'entrée");
        header.ShouldBeGreaterThan(0);
        lines[header + 1].ShouldBe(string.Join(';', DoorColumns));
        lines[header + 2].ShouldBe("janvier 2019;0;0;0;s;0;s");
        lines[header + 3].ShouldBe("février 2019;0;0;0;< 5;0;< 5");
        lines[header + 4].ShouldBe("mars 2019;0;0;0;6;0;6");
        lines[header + 5].ShouldBe("Total;0;0;0;14;0;14");
        lines.ShouldNotContain(l => l.Contains(";3;", StringComparison.Ordinal) || l.EndsWith(";3", StringComparison.Ordinal));
        (await AuditAsync("statistics.exported")).ShouldBe(audited + 1);
    }

    [Fact]
    public async Task GedCsv_HoldsExactCountsOfOwnDepartementsOnly()
    {
        await StatisticsSeed.AddAsync(factory,
            StatisticsSeed.Many(3, "64", ReportSource.Panel, Urgency.Routine, StatisticsSeed.Mid(2018, 5)),
            StatisticsSeed.Many(4, "40", ReportSource.Panel, Urgency.Routine, StatisticsSeed.Mid(2018, 5)));
        using var ged = await factory.SignInAsync(Roles.Ged, "64,65");

        using var response = await ged.Client.GetAsync(new Uri("/statistics?handler=Csv&from=2018-05&to=2018-05", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        text.ShouldContain("mai 2018;0;0;0;0;3;3\r\n");
        text.ShouldContain("64 — Pyrénées-Atlantiques;3\r\n");
        text.ShouldContain("65 — Hautes-Pyrénées;0\r\n");
        text.ShouldNotContain("40 —");
        text.ShouldNotContain("< 5");
        text.ShouldNotContain("Miviludes", Case.Insensitive);
    }

    [Theory]
    [InlineData("/statistics?from=2017-01&to=2017-01&territory=59")]
    [InlineData("/statistics?handler=Csv&from=2017-01&to=2017-01&territory=59")]
    [InlineData("/statistics?handler=csv&territory=59")]
    public async Task Ged75_CannotSee59Counts_NotEvenThroughTheCsvOrAParameter(string url)
    {
        await factory.OnceAsync("seed-2017", async () =>
        {
            await StatisticsSeed.AddAsync(factory,
                StatisticsSeed.Many(3, "59", ReportSource.Hotline, Urgency.Routine, StatisticsSeed.Mid(2017, 1)),
                StatisticsSeed.Many(1, "75", ReportSource.PublicForm, Urgency.Routine, StatisticsSeed.Mid(2017, 1)));
            return string.Empty;
        });
        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");

        var page = await ged75.GetAsync(url);

        page.Status.ShouldBe(HttpStatusCode.BadRequest, page.ToString());
        page.Html.ShouldContain(Fr("statistics.error.territory-out-of-scope"));
        page.Html.ShouldNotContain("table-by-month");
        page.Html.ShouldNotContain("text/csv");
        var own = await ged75.GetAsync("/statistics?from=2017-01&to=2017-01");
        Table(own.Html, "by-month")[1].ShouldBe(["janvier 2017", "0", "1", "0", "0", "0", "1"]);
    }

    [Theory]
    [InlineData(Roles.Hotline, "national")]
    [InlineData(Roles.Partner, "59")]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Admin, "national")]
    [InlineData(Roles.Miviludes, "national")]
    public async Task OtherRoles_AreRefused_PageAndCsv(string role, string territories)
    {
        using var session = await factory.SignInAsync(role, territories);

        foreach (var url in new[] { "/statistics", "/statistics?handler=Csv" })
        {
            var response = await session.GetAsync(url);
            response.Redirects.ShouldBeTrue(response.ToString());
            response.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }

        (await session.GetAsync("/")).Html.ShouldNotContain("href=\"/statistics\"");
    }

    [Theory]
    [InlineData("from=2021-13", "from", "statistics.error.month-format")]
    [InlineData("from=abc&to=2021-01", "from", "statistics.error.month-format")]
    [InlineData("from=2021-06&to=2021-01", "from", "statistics.error.order")]
    [InlineData("from=2015-01&to=2020-02", "from", "statistics.error.span")]
    [InlineData("to=2999-12", "to", "statistics.error.future")]
    [InlineData("from=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "from", "statistics.error.month-format")]
    [InlineData("door='%3B%20DROP%20TABLE%20reports%3B--", "door", "statistics.error.door-unknown")]
    [InlineData("urgency=..%2F..%2Fetc%2Fpasswd", "urgency", "statistics.error.urgency-unknown")]
    [InlineData("territory=999", "territory", "statistics.error.territory-unknown")]
    [InlineData("from=2021-01&from=2021-02", "from", "statistics.error.repeated")]
    public async Task BadFilters_AnswerClearlyOnTheField_AndShowNoStatistics(string query, string field, string message)
    {
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        var audited = await AuditAsync("statistics.viewed");

        foreach (var url in new[] { $"/statistics?{query}", $"/statistics?handler=Csv&{query}" })
        {
            var page = await analyst.GetAsync(url);

            page.Status.ShouldBe(HttpStatusCode.BadRequest, page.ToString());
            var expected = message == "statistics.error.span" ? Fr(message, 5) : Fr(message);
            page.Html.ShouldContain($"<a href=\"#{field}\">{expected}</a>");
            page.Html.ShouldContain($"id=\"{field}-error\"");
            page.Html.ShouldContain($"aria-describedby=\"{field}-error\"");
            page.Html.ShouldNotContain("table-by-month");
            page.Html.ShouldNotContain("<script>alert");
            page.Html.ShouldNotContain("DROP TABLE reports;--\"");
        }

        (await AuditAsync("statistics.viewed")).ShouldBe(audited);
    }

    [Fact]
    public async Task AnEmptyPeriod_ShowsTheEmptyState_NoChart()
    {
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        var page = await analyst.GetAsync("/statistics?from=2005-01&to=2005-02");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain(Fr("statistics.empty"));
        page.Html.ShouldNotContain("<canvas");
        page.Html.ShouldNotContain("table-by-month");
    }

    [Fact]
    public async Task DefaultPage_ShowsTheLast12Months_AndIsAuditedWithoutPersonalData()
    {
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        var audited = await AuditAsync("statistics.viewed");

        var page = await analyst.GetAsync("/statistics");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var now = Features.ParisTime.FromUtc(factory.Clock.GetUtcNow().UtcDateTime);
        var first = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-11);
        page.Html.ShouldContain($"id=\"from\" name=\"from\" type=\"month\" maxlength=\"7\" value=\"{first:yyyy-MM}\"");
        page.Html.ShouldContain($"id=\"to\" name=\"to\" type=\"month\" maxlength=\"7\" value=\"{now:yyyy-MM}\"");
        (await AuditAsync("statistics.viewed")).ShouldBe(audited + 1);
        var last = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "statistics.viewed").OrderByDescending(e => e.Seq).FirstAsync());
        last.Reason.ShouldBe($"page from={first:yyyy-MM} to={now:yyyy-MM} territory=all door=all urgency=all suppressed");
        last.Role.ShouldBe(Roles.Analyst);
        last.ObjectId.ShouldBeNull();
    }

    [Fact]
    public async Task TakeInChargeTimes_AreShownAsMedianAndP90_ForThePanel()
    {
        var received = StatisticsSeed.Mid(2016, 4);
        await StatisticsSeed.AddAsync(factory,
            [.. Hours.Select(h => StatisticsSeed.Report("67", ReportSource.Hotline, Urgency.Imminent, received, taken: TimeSpan.FromHours(h)))]);
        using var ged = await factory.SignInAsync(Roles.GedChair, "67");

        var page = await ged.GetAsync("/statistics?from=2016-04&to=2016-04");

        var delays = Table(page.Html, "delay-by-door");
        delays[1].ShouldBe(["Plateforme téléphonique", "5", "5", "2 h 0 min", "10 h 0 min", "0", "—", "0"]);
        Table(page.Html, "delay-by-urgency")[4].ShouldBe(["Danger imminent", "5", "5", "2 h 0 min", "10 h 0 min", "0", "—", "0"]);
    }

    [Fact]
    public async Task Analyst_SeesMiviludesReferrals_TheGedDoesNot()
    {
        await factory.WithDbAsync(async db =>
        {
            db.SectarianReferrals.AddRange(
                [
                    .. Enumerable.Range(0, 7).Select(_ => StatisticsSeed.Referral(StatisticsSeed.Mid(2009, 9), "Normandie")),
                    StatisticsSeed.Referral(StatisticsSeed.Mid(2009, 10), null),
                ]);
            await db.SaveChangesAsync();
        });
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        var page = await analyst.GetAsync("/statistics?from=2009-09&to=2009-10");

        var months = Table(page.Html, "miviludes-by-month");
        months[1].ShouldBe(["septembre 2009", "s"]);
        months[2].ShouldBe(["octobre 2009", "< 5"]);
        months[3].ShouldBe(["Total", "8"]);
        Table(page.Html, "miviludes-by-region")[2].ShouldBe(["Région non renseignée", "< 5"]);
        page.Html.ShouldContain("<canvas id=\"chart-miviludes\"");

        using var ged = await factory.SignInAsync(Roles.Ged, "14");
        var panel = await ged.GetAsync("/statistics?from=2009-09&to=2009-10");
        panel.Html.ShouldNotContain("miviludes", Case.Insensitive);
        panel.Html.ShouldContain(Fr("statistics.empty"));
    }

    private Task<int> AuditAsync(string action) => factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action));

    /// <summary>The rows of the table <c>#table-{id}</c> as cell texts (header row first).</summary>
    private static List<string[]> Table(string html, string id)
    {
        var start = html.IndexOf($"id=\"table-{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"no table {id}");
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        var table = html[start..end];
        return [.. RowPattern().Matches(table).Select(row => CellPattern().Matches(row.Groups[1].Value)
            .Select(c => WebUtility.HtmlDecode(Whitespace().Replace(TagPattern().Replace(c.Groups[1].Value, string.Empty), " ").Trim())).ToArray())];
    }

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
