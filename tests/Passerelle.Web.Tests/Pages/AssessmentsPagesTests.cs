using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Assessments;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>Helpers shared by the assessment tests: a case in the register, the example grid, the assessment form.</summary>
internal static partial class AssessmentKit
{
    public static Task EnsureGridAsync(PasserelleFactory factory) => factory.WithDbAsync(db => AssessmentGridSeed.EnsureAsync(db));

    /// <summary>The published edition of the example grid (for tests where other grids are published too).</summary>
    public static Task<Guid> EicAsync(PasserelleFactory factory) =>
        factory.WithDbAsync(db => db.AssessmentGrids.Where(g => g.Code == AssessmentGridSeed.Code && g.Status == GridStatus.Published).Select(g => g.Id).SingleAsync());

    public static Task<(Guid PersonId, Guid CaseId)> CaseAsync(PasserelleFactory factory, string territory, string given, string surname, int year = 2004) =>
        factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, given, surname, null, new PartialDate(year, 5, 17), "Lille", Sex.Female, null,
                    ["family-rupture"], "Signalement de l'établissement scolaire.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return (recorded!.PersonId, recorded.CaseId);
        });

    /// <summary>A ged of the territory asks for an assessment through the page; returns its id.</summary>
    public static async Task<Guid> RequestAsync(WebSession ged, Guid caseId, string? note = null, bool start = false, Guid? gridId = null)
    {
        var url = $"/assessments/new?caseId={caseId}";
        var posted = await ged.PostFormAsync(url, url, ("CaseId", caseId.ToString()), ("Note", note ?? string.Empty), ("Start", start ? "true" : "false"), ("GridId", gridId?.ToString() ?? string.Empty));
        posted.Redirects.ShouldBeTrue(posted.ToString());
        return Guid.Parse(posted.Location!.Split('/').Last());
    }

    /// <summary>The form fields of an assessment page: every item (Unknown unless given), the narrative and the version read.</summary>
    public static List<(string, string)> Fields(PageResponse page, IReadOnlyDictionary<string, (string Rating, string? Evidence, string? Source)> ratings, string? narrative)
    {
        var fields = new List<(string, string)> { ("Input.Version", WebSession.Hidden(page, "Input.Version")), ("Input.Narrative", narrative ?? string.Empty) };
        foreach (Match m in ItemPattern().Matches(page.Html))
        {
            var n = m.Groups[1].Value;
            var itemId = m.Groups[2].Value;
            var code = Regex.Match(page.Html[m.Index..], "<strong>([A-Za-z0-9_-]+)</strong>").Groups[1].Value;
            var (rating, evidence, source) = ratings.TryGetValue(code, out var r) ? r : ("Unknown", null, null);
            fields.Add(($"Input.Ratings[{n}].ItemId", itemId));
            fields.Add(($"Input.Ratings[{n}].Rating", rating));
            fields.Add(($"Input.Ratings[{n}].Evidence", evidence ?? string.Empty));
            fields.Add(($"Input.Ratings[{n}].Source", source ?? string.Empty));
        }

        fields.Count.ShouldBeGreaterThan(2, page.ToString());
        return fields;
    }

    public static async Task<PageResponse> SaveAsync(WebSession session, Guid id, IReadOnlyDictionary<string, (string Rating, string? Evidence, string? Source)> ratings, string? narrative, bool complete)
    {
        var page = await session.GetAsync($"/assessments/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        return await session.PostWithTokenAsync($"/assessments/{id}{(complete ? "?handler=Complete" : "")}", WebSession.AntiForgeryToken(page), [.. Fields(page, ratings, narrative)]);
    }

    public static Dictionary<string, (string Rating, string? Evidence, string? Source)> Ratings(params (string Code, string Rating)[] items) =>
        items.ToDictionary(i => i.Code, i => (i.Rating, i.Rating is "Present" or "PartlyPresent" ? (string?)$"Propos tenus en entretien ({i.Code})." : null, (string?)"Entretien"));

    /// <summary>The numbers a reader sees on a page (text outside tags, scripts and attributes).</summary>
    public static List<string> VisibleNumbers(string html)
    {
        var text = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        text = Regex.Replace(text, "<[^>]+>", " ");
        text = WebUtility.HtmlDecode(text);
        return [.. Regex.Matches(text, "\\d+").Select(m => m.Value).Order(StringComparer.Ordinal)];
    }

    /// <summary>Sets every rating of the stored assessments to another word (behind the application's back, to test that no number follows them).</summary>
    public static Task ShuffleRatingsAsync(PasserelleFactory factory, params Guid[] assessmentIds) => factory.WithDbAsync(async db =>
    {
        var ratings = await db.AssessmentRatings.Where(r => assessmentIds.Contains(r.AssessmentId)).ToListAsync();
        var n = 0;
        foreach (var r in ratings.OrderBy(r => r.ItemCode, StringComparer.Ordinal))
        {
            r.Rating = (n++ % 3) switch { 0 => ItemRating.Present, 1 => ItemRating.Absent, _ => ItemRating.PartlyPresent };
        }

        await db.SaveChangesAsync();
    });

    [GeneratedRegex("name=\"Input\\.Ratings\\[(\\d+)\\]\\.ItemId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex ItemPattern();
}

/// <summary>
/// Structured assessments (issue 5): a panel member requests one, an assessor records and completes it, successive
/// ones are compared item by item. Red line 1: no number derived from the ratings on any page or in the API. Need to
/// know: assessors see their territory's assessments and the persons' names, never the register; other territories
/// and other roles see nothing.
/// </summary>
public sealed class AssessmentsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private Task<WebSession> Ged59Async() => factory.SignInAsync(Roles.Ged, "59");

    private Task<WebSession> Assessor59Async() => factory.SignInAsync(Roles.Assessor, "59");

    private async Task<Guid> CompletedAsync(Guid caseId, params (string Code, string Rating)[] ratings)
    {
        using var ged = await Ged59Async();
        var id = await AssessmentKit.RequestAsync(ged, caseId);
        using var assessor = await Assessor59Async();
        var done = await AssessmentKit.SaveAsync(assessor, id, AssessmentKit.Ratings(ratings), "Appréciation d'ensemble rédigée.", complete: true);
        done.Redirects.ShouldBeTrue(done.ToString());
        return id;
    }

    [Fact]
    public async Task RequestRecordComplete_ThenASecond_ComparePageShowsWhatChanged()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (personId, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Maëlle", "Vasseur", 2005);
        using var ged = await Ged59Async();
        var id = await AssessmentKit.RequestAsync(ged, caseId, "Éclairer la période récente.");
        var stored = await factory.WithDbAsync(db => db.Assessments.Include(a => a.Ratings).SingleAsync(a => a.Id == id));
        stored.Status.ShouldBe(AssessmentStatus.Requested);
        stored.PersonId.ShouldBe(personId);
        stored.Ratings.Count.ShouldBe(15);
        stored.Ratings.ShouldAllBe(r => r.Rating == ItemRating.Unknown);

        using var assessor = await Assessor59Async();
        var list = await assessor.GetAsync("/assessments");
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        list.Html.ShouldContain("VASSEUR Maëlle");
        list.Html.ShouldContain(Fr("assessment.born-in", 2005));
        list.Html.ShouldContain($"/assessments/{id}");
        list.Html.ShouldNotContain("/cases/"); // the assessor does not read cases

        var page = await assessor.GetAsync($"/assessments/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Html("Éclairer la période récente."));
        page.Html.ShouldContain(Fr("assessment.rating.partly-present"));
        page.Html.ShouldContain("value=\"Unknown\" checked=\"checked\"");

        var draft = await AssessmentKit.SaveAsync(assessor, id, AssessmentKit.Ratings(("ENG1", "Present"), ("INT3", "Absent")), "Premier jet.", complete: false);
        draft.Redirects.ShouldBeTrue(draft.ToString());
        (await factory.WithDbAsync(db => db.Assessments.SingleAsync(a => a.Id == id))).Status.ShouldBe(AssessmentStatus.Draft);

        var done = await AssessmentKit.SaveAsync(assessor, id, AssessmentKit.Ratings(("ENG1", "Present"), ("INT3", "Absent"), ("CAP2", "PartlyPresent")), "Engagement marqué, intention non établie.", complete: true);
        done.Redirects.ShouldBeTrue(done.ToString());
        var completed = await factory.WithDbAsync(db => db.Assessments.Include(a => a.Ratings).SingleAsync(a => a.Id == id));
        completed.Status.ShouldBe(AssessmentStatus.Completed);
        completed.CompletedAt.ShouldNotBeNull();
        completed.Narrative.ShouldBe("Engagement marqué, intention non établie.");
        completed.Ratings.Single(r => r.ItemCode == "CAP2").Rating.ShouldBe(ItemRating.PartlyPresent);
        (await factory.WithDbAsync(db => db.CaseEvents.IgnoreQueryFilters().CountAsync(e => e.CaseId == caseId && e.Kind == CaseEventKind.AssessmentRecorded && e.AssessmentId == id))).ShouldBe(1);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "assessment.completed" && e.ObjectId == id.ToString()))).ShouldBe(1);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "assessment.read" && e.ObjectId == id.ToString()))).ShouldBeGreaterThan(0);

        var second = await CompletedAsync(caseId, ("ENG1", "Absent"), ("INT3", "Absent"), ("CAP2", "PartlyPresent"), ("INT1", "Present"));
        var compare = await assessor.GetAsync($"/assessments/compare?caseId={caseId}");
        compare.Status.ShouldBe(HttpStatusCode.OK, compare.ToString());
        compare.Html.ShouldContain($"/assessments/{id}");
        compare.Html.ShouldContain($"/assessments/{second}");
        Regex.Count(compare.Html, ">" + Fr("assessment.compare.changed") + "</p>").ShouldBe(2); // ENG1 and INT1 changed; CAP2 and INT3 did not
        compare.Html.ShouldContain(Html("Engagement marqué, intention non établie."));
    }

    [Fact]
    public async Task Complete_WithoutEvidenceForAPresentItem_OrWithoutNarrative_Returns422AndChangesNothing()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Elsa", "Carpentier");
        using var ged = await Ged59Async();
        var id = await AssessmentKit.RequestAsync(ged, caseId);
        using var assessor = await Assessor59Async();

        var noEvidence = new Dictionary<string, (string Rating, string? Evidence, string? Source)> { ["ENG2"] = ("PartlyPresent", null, "Famille") };
        var refused = await AssessmentKit.SaveAsync(assessor, id, noEvidence, "Appréciation.", complete: true);
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.ToString());
        refused.Html.ShouldContain(Fr("assessment.error.evidence-required", "ENG2"));
        refused.Html.ShouldContain("href=\"#Input_Ratings_");

        var noNarrative = await AssessmentKit.SaveAsync(assessor, id, AssessmentKit.Ratings(("ENG2", "Present")), "  ", complete: true);
        noNarrative.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, noNarrative.ToString());
        noNarrative.Html.ShouldContain(Fr("assessment.error.narrative-required"));

        var stored = await factory.WithDbAsync(db => db.Assessments.Include(a => a.Ratings).SingleAsync(a => a.Id == id));
        stored.Status.ShouldBe(AssessmentStatus.Requested);
        stored.Ratings.ShouldAllBe(r => r.Rating == ItemRating.Unknown);
        (await factory.WithDbAsync(db => db.CaseEvents.IgnoreQueryFilters().CountAsync(e => e.AssessmentId == id))).ShouldBe(0);

        // A draft may be saved without them: the rule is for completion.
        var draft = await AssessmentKit.SaveAsync(assessor, id, noEvidence, null, complete: false);
        draft.Redirects.ShouldBeTrue(draft.ToString());
    }

    [Fact]
    public async Task CompletedAssessment_IsReadOnly_AndAPostChangesNothing()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Lina", "Dufour");
        using var ged = await Ged59Async();
        var id = await AssessmentKit.RequestAsync(ged, caseId);
        using var assessor = await Assessor59Async();
        var form = await assessor.GetAsync($"/assessments/{id}");
        (await AssessmentKit.SaveAsync(assessor, id, AssessmentKit.Ratings(("ENG1", "Absent")), "Rien de saillant.", complete: true)).Redirects.ShouldBeTrue();

        var page = await assessor.GetAsync($"/assessments/{id}");
        page.Html.ShouldContain(Fr("assessment.record.completed-intro"));
        page.Html.ShouldNotContain("name=\"Input.Narrative\"");
        var again = await assessor.PostWithTokenAsync($"/assessments/{id}?handler=Complete", WebSession.AntiForgeryToken(form),
            [.. AssessmentKit.Fields(form, AssessmentKit.Ratings(("ENG1", "Present")), "Réécrit.")]);
        again.Status.ShouldBe(HttpStatusCode.Conflict, again.ToString());
        again.Html.ShouldContain(Fr("assessment.error.completed"));
        var stored = await factory.WithDbAsync(db => db.Assessments.Include(a => a.Ratings).SingleAsync(a => a.Id == id));
        stored.Narrative.ShouldBe("Rien de saillant.");
        stored.Ratings.Single(r => r.ItemCode == "ENG1").Rating.ShouldBe(ItemRating.Absent);
        (await factory.WithDbAsync(db => db.CaseEvents.IgnoreQueryFilters().CountAsync(e => e.AssessmentId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task SaveWithAStaleVersion_Returns409AndKeepsTheOtherChange()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Noé", "Leclercq");
        using var ged = await Ged59Async();
        var id = await AssessmentKit.RequestAsync(ged, caseId);
        using var first = await Assessor59Async();
        using var second = await Assessor59Async();
        var stale = await second.GetAsync($"/assessments/{id}");
        (await AssessmentKit.SaveAsync(first, id, AssessmentKit.Ratings(("INT2", "Present")), "Version A.", complete: false)).Redirects.ShouldBeTrue();

        var late = await second.PostWithTokenAsync($"/assessments/{id}", WebSession.AntiForgeryToken(stale), [.. AssessmentKit.Fields(stale, AssessmentKit.Ratings(("INT2", "Absent")), "Version B.")]);

        late.Status.ShouldBe(HttpStatusCode.Conflict, late.ToString());
        late.Html.ShouldContain(Fr("assessment.error.conflict"));
        late.Html.ShouldContain("Version A.");
        var stored = await factory.WithDbAsync(db => db.Assessments.Include(a => a.Ratings).SingleAsync(a => a.Id == id));
        stored.Narrative.ShouldBe("Version A.");
        stored.Ratings.Single(r => r.ItemCode == "INT2").Rating.ShouldBe(ItemRating.Present);
    }

    [Fact]
    public async Task NoNumberDerivedFromTheRatings_OnAnyPageOrInTheApi()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Jade", "Lemaire");
        var a = await CompletedAsync(caseId, ("ENG1", "Present"), ("ENG2", "Present"), ("INT1", "PartlyPresent"));
        var b = await CompletedAsync(caseId, ("ENG1", "Absent"), ("CAP1", "Present"));
        using var ged = await Ged59Async();
        var open = await AssessmentKit.RequestAsync(ged, caseId, start: true);
        (await AssessmentKit.SaveAsync(ged, open, AssessmentKit.Ratings(("ENG3", "Present"), ("CAP4", "PartlyPresent")), "Brouillon.", complete: false)).Redirects.ShouldBeTrue();
        using var assessor = await Assessor59Async();
        var pages = new[] { "/assessments", $"/assessments/{a}", $"/assessments/{b}", $"/assessments/{open}", $"/assessments/compare?caseId={caseId}" };
        var user = await factory.PageUserAsync(Roles.Assessor, "59");
        using var api = factory.ClientWithToken(user.Token);

        var before = new List<List<string>>();
        foreach (var url in pages)
        {
            var page = await assessor.GetAsync(url);
            page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
            before.Add(AssessmentKit.VisibleNumbers(page.Html));
            var text = Regex.Replace(page.Html.Replace(Fr("assessment.no-score"), string.Empty, StringComparison.Ordinal), "<[^>]+>", " ");
            foreach (var word in new[] { "score", "total", "classement", "ranking" })
            {
                text.ShouldNotContain(word, Case.Insensitive, $"{url} shows '{word}'");
            }

            // Rating choices are posted and shown as words, never as the enum's numbers.
            Regex.IsMatch(page.Html, "name=\"Input\\.Ratings\\[\\d+\\]\\.Rating\" value=\"\\d").ShouldBeFalse(url);
        }

        var jsonBefore = await api.GetStringAsync(new Uri($"/api/v1/cases/{caseId}/assessments", UriKind.Relative));
        await AssessmentKit.ShuffleRatingsAsync(factory, a, b, open);

        for (var n = 0; n < pages.Length; n++)
        {
            var page = await assessor.GetAsync(pages[n]);
            AssessmentKit.VisibleNumbers(page.Html).ShouldBe(before[n], $"a number on {pages[n]} follows the ratings");
        }

        var jsonAfter = await api.GetStringAsync(new Uri($"/api/v1/cases/{caseId}/assessments", UriKind.Relative));
        jsonAfter.ShouldNotBe(jsonBefore); // the ratings did change…
        Regex.Count(jsonAfter, ":\\s*-?\\d").ShouldBe(Regex.Count(jsonBefore, ":\\s*-?\\d"));
        Regex.Replace(jsonAfter, "\"rating\":\"[a-z-]+\"", "").ShouldBe(Regex.Replace(jsonBefore, "\"rating\":\"[a-z-]+\"", "")); // …and nothing else moved with them
        jsonAfter.ShouldNotContain("score", Case.Insensitive);
        jsonAfter.ShouldNotContain("total", Case.Insensitive);
        Regex.IsMatch(jsonAfter, "\"rating\":\\s*\\d").ShouldBeFalse();
    }

    [Fact]
    public async Task Assessor59_SeesOnly59sAssessmentsAndNames_NeverTheRegister_NorAnythingOf75()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (person59, case59) = await AssessmentKit.CaseAsync(factory, "59", "Clémence", "Hautecoeur");
        var (person75, case75) = await AssessmentKit.CaseAsync(factory, "75", "Bérénice", "Montparnasse");
        var (_, unassessed59) = await AssessmentKit.CaseAsync(factory, "59", "Ophélie", "Sansevaluation");
        using var ged59 = await Ged59Async();
        var id59 = await AssessmentKit.RequestAsync(ged59, case59);
        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        var id75 = await AssessmentKit.RequestAsync(ged75, case75);

        using var assessor = await Assessor59Async();
        var list = await assessor.GetAsync("/assessments");
        list.Html.ShouldContain("HAUTECOEUR Clémence");
        list.Html.ShouldNotContain("MONTPARNASSE");
        list.Html.ShouldNotContain("SANSEVALUATION");
        list.Html.ShouldNotContain(id75.ToString());
        (await assessor.GetAsync($"/assessments/{id59}")).Status.ShouldBe(HttpStatusCode.OK);
        (await assessor.GetAsync($"/assessments/{id75}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await assessor.GetAsync($"/assessments/compare?caseId={case75}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await assessor.GetAsync($"/assessments/compare?caseId={unassessed59}")).Status.ShouldBe(HttpStatusCode.NotFound);
        foreach (var url in new[] { "/register", $"/persons/{person59}", $"/persons/{person75}", $"/assessments/new?caseId={case59}" })
        {
            var refused = await assessor.GetAsync(url);
            refused.Redirects.ShouldBeTrue(url);
            refused.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }

        // The names were read past the register's filters only for the assessments shown, and audited.
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "person.listed" && e.ObjectId == person59.ToString() && e.Reason == "assessment"))).ShouldBeGreaterThan(0);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "person.listed" && e.ObjectId == person75.ToString() && e.Reason == "assessment" && e.Role == Roles.Assessor))).ShouldBe(0);

        // And the ged of 75 sees nothing of 59's.
        var list75 = await ged75.GetAsync("/assessments");
        list75.Html.ShouldContain("MONTPARNASSE Bérénice");
        list75.Html.ShouldNotContain("HAUTECOEUR");
        (await ged75.GetAsync($"/assessments/{id59}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ged75.GetAsync($"/assessments/compare?caseId={case59}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ged75.GetAsync($"/assessments/new?caseId={case59}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var saved = await ged75.PostFormAsync($"/assessments/{id75}", $"/assessments/{id75}", ("Input.Version", "0"));
        saved.Status.ShouldNotBe(HttpStatusCode.NotFound);
        var crossed = await ged75.PostFormAsync($"/assessments/{id59}?handler=Complete", $"/assessments/{id75}", ("Input.Version", "0"), ("Input.Narrative", "Intrusion"));
        crossed.Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.Assessments.SingleAsync(a => a.Id == id59))).Status.ShouldBe(AssessmentStatus.Requested);
    }

    [Theory]
    [InlineData(Roles.Admin, "national")]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Hotline, "national")]
    [InlineData(Roles.Analyst, "national")]
    public async Task OtherRoles_AreRefusedEveryAssessmentPage(string role, string territories)
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Romane", "Refusée");
        using var ged = await Ged59Async();
        var id = await AssessmentKit.RequestAsync(ged, caseId);
        using var session = await factory.SignInAsync(role, territories);
        foreach (var url in new[] { "/assessments", $"/assessments/{id}", $"/assessments/compare?caseId={caseId}", $"/assessments/new?caseId={caseId}" })
        {
            var refused = await session.GetAsync(url);
            refused.Redirects.ShouldBeTrue(url + " " + refused);
            refused.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }
    }

    [Fact]
    public async Task Request_BadInput_GetsAClearMessageAndStoresNothing()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Anaïs", "Doublon");
        using var ged = await Ged59Async();
        var url = $"/assessments/new?caseId={caseId}";
        Task<int> CountAsync() => factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.CaseId == caseId));

        var tooLong = await ged.PostFormAsync(url, url, ("CaseId", caseId.ToString()), ("Note", new string('x', 1001)), ("Start", "false"));
        tooLong.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, tooLong.ToString());
        tooLong.Html.ShouldContain(Fr("error.too-long", 1000));
        var script = await ged.PostFormAsync(url, url, ("CaseId", caseId.ToString()), ("Note", "<script>alert(1)</script>"), ("Start", "false"));
        script.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        script.Html.ShouldContain(Fr("error.markup"));
        script.Html.ShouldNotContain("<script>alert(1)</script>");
        var badGrid = await ged.PostFormAsync(url, url, ("CaseId", caseId.ToString()), ("GridId", "'; DROP TABLE assessments; --"), ("Start", "false"));
        badGrid.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        badGrid.Html.ShouldContain(Fr("error.unknown-value"));
        var badStart = await ged.PostFormAsync(url, url, ("CaseId", caseId.ToString()), ("Start", "maybe"));
        badStart.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await CountAsync()).ShouldBe(0);

        foreach (var bad in new[] { "/assessments/new", "/assessments/new?caseId=../../etc/passwd", $"/assessments/new?caseId={Guid.NewGuid()}", "/assessments/compare?caseId=%3Cscript%3E" })
        {
            (await ged.GetAsync(bad)).Status.ShouldBe(HttpStatusCode.NotFound, bad);
        }

        var first = await AssessmentKit.RequestAsync(ged, caseId);
        var twice = await ged.PostFormAsync(url, url, ("CaseId", caseId.ToString()), ("Start", "false"));
        twice.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        twice.Html.ShouldContain(Fr("assessment.error.open-exists"));
        twice.Html.ShouldContain($"/assessments/{first}");
        (await CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Record_BadInput_GetsAClearMessageAndChangesNothing()
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Manon", "Saisie");
        using var ged = await Ged59Async();
        var id = await AssessmentKit.RequestAsync(ged, caseId);
        using var assessor = await Assessor59Async();
        var form = await assessor.GetAsync($"/assessments/{id}");
        var token = WebSession.AntiForgeryToken(form);

        async Task RefusedAsync(string expected, Func<List<(string Name, string Value)>, List<(string Name, string Value)>> change)
        {
            var fields = change(AssessmentKit.Fields(form, AssessmentKit.Ratings(("ENG1", "Present")), "Appréciation."));
            var answer = await assessor.PostWithTokenAsync($"/assessments/{id}?handler=Complete", token, [.. fields]);
            answer.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, answer.ToString());
            answer.Html.ShouldContain(expected);
        }

        static List<(string, string)> Set(List<(string Name, string Value)> fields, string name, string value) =>
            [.. fields.Select(f => f.Name == name ? (f.Name, value) : (f.Name, f.Value))];

        await RefusedAsync(Fr("error.unknown-value"), f => Set(f, "Input.Ratings[0].Rating", "3"));
        await RefusedAsync(Fr("error.unknown-value"), f => Set(f, "Input.Ratings[0].Rating", "'; DROP TABLE assessments; --"));
        await RefusedAsync(Fr("error.required"), f => Set(f, "Input.Ratings[1].Rating", ""));
        await RefusedAsync(Fr("assessment.error.item-unknown"), f => Set(f, "Input.Ratings[2].ItemId", Guid.NewGuid().ToString()));
        await RefusedAsync(Fr("error.unknown-value"), f => Set(f, "Input.Ratings[2].ItemId", "../../etc/passwd"));
        await RefusedAsync(Fr("error.too-long", 2000), f => Set(f, "Input.Ratings[0].Evidence", new string('a', 2001)));
        await RefusedAsync(Fr("error.markup"), f => Set(f, "Input.Ratings[0].Evidence", "<script>alert('x')</script>"));
        await RefusedAsync(Fr("error.too-long", 8000), f => Set(f, "Input.Narrative", new string('n', 8001)));

        var unreadableVersion = await assessor.PostWithTokenAsync($"/assessments/{id}", token, [.. Set(AssessmentKit.Fields(form, AssessmentKit.Ratings(), "x"), "Input.Version", "abc")]);
        unreadableVersion.Status.ShouldBe(HttpStatusCode.Conflict);
        var stored = await factory.WithDbAsync(db => db.Assessments.Include(a => a.Ratings).SingleAsync(a => a.Id == id));
        stored.Status.ShouldBe(AssessmentStatus.Requested);
        stored.Narrative.ShouldBeNull();
        stored.Ratings.ShouldAllBe(r => r.Rating == ItemRating.Unknown && r.Evidence == null);

        // Quotes and SQL-looking text are ordinary words in evidence: stored as typed, nothing else happens.
        var sqlText = "Il a écrit : '; DROP TABLE assessments; --";
        var ok = await AssessmentKit.SaveAsync(assessor, id, new Dictionary<string, (string, string?, string?)> { ["ENG1"] = ("Present", sqlText, "Message") }, null, complete: false);
        ok.Redirects.ShouldBeTrue(ok.ToString());
        (await factory.WithDbAsync(db => db.AssessmentRatings.SingleAsync(r => r.AssessmentId == id && r.ItemCode == "ENG1"))).Evidence.ShouldBe(sqlText);

        var list = await assessor.GetAsync("/assessments?status=bogus&p=abc");
        list.Status.ShouldBe(HttpStatusCode.BadRequest);
        list.Html.ShouldContain(Fr("error.unknown-value"));
    }
}

/// <summary>The demo data of assessments: after the demo seed, the Nord's assessor finds one requested assessment and a comparison with changes.</summary>
public sealed class AssessmentsDemoTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task Demo_SeedsTheGridARequestAndTwoCompletedAssessmentsToCompare_Once()
    {
        await factory.AsSystemAsync(async services =>
        {
            (await Passerelle.Web.Data.DemoSeed.RunAsync(services)).ShouldBeTrue();
            await AssessmentsDemo.SeedAsync(services);
            await AssessmentsDemo.SeedAsync(services); // a second run adds nothing
            return true;
        });
        var assessments = await factory.WithDbAsync(db => db.Assessments.ToListAsync());
        assessments.Count.ShouldBe(3);
        assessments.Count(a => a.Status == AssessmentStatus.Requested).ShouldBe(1);
        var compared = assessments.Where(a => a.Status == AssessmentStatus.Completed).ToList();
        compared.Count.ShouldBe(2);
        compared.Select(a => a.CaseId).Distinct().Count().ShouldBe(1);
        var assessorId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "assessor59@demo.passerelle.fr").Select(u => u.Id).SingleAsync());
        compared.ShouldAllBe(a => a.AssessorId == assessorId && a.TerritoryCode == "59");

        using var assessor = await factory.SignInAsync(Roles.Assessor, "59");
        var list = await assessor.GetAsync("/assessments?status=requested");
        list.Html.ShouldContain("MARTIN Lucas");
        var compare = await assessor.GetAsync($"/assessments/compare?caseId={compared[0].CaseId}");
        compare.Status.ShouldBe(HttpStatusCode.OK, compare.ToString());
        compare.Html.ShouldContain("PETIT Inès");
        Regex.Count(compare.Html, ">" + Fr("assessment.compare.changed") + "</p>").ShouldBe(3); // ENG1, ENG4 and CAP5 moved; INT3 did not
    }
}
