using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Review campaigns (issue 5): a departmental one started by the chair, a national one by the analyst, each
/// case in scope required to be reviewed; progress as the panel reviews; the analyst sees counts only; a
/// panel sees only its own département's cases; bad input changes nothing.
/// </summary>
public sealed class CampaignsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static (string, string)[] Fields(string title, string deadline, params string[] statuses) =>
        [("Input.Title", title), ("Input.Instructions", "Réexaminer chaque situation."), ("Input.Deadline", deadline), .. statuses.Select(s => ("Input.Statuses", s))];

    private static async Task<(PageResponse Posted, Guid? Id)> StartAsync(WebSession session, string url, string title, string deadline, params string[] statuses)
    {
        var form = await session.GetAsync(url);
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        var key = WebSession.Hidden(form, "Input.FormKey");
        var posted = await session.PostWithTokenAsync(url, WebSession.AntiForgeryToken(form), [("Input.FormKey", key), .. Fields(title, deadline, statuses)]);
        Guid? id = posted.Redirects ? Guid.Parse(posted.Location!.Split('/')[^1]) : null;
        return (posted, id);
    }

    private Task<List<CampaignCase>> CampaignCasesAsync(Guid id) =>
        factory.WithDbAsync(db => db.CampaignCases.IgnoreQueryFilters().AsNoTracking().Where(x => x.CampaignId == id).ToListAsync());

    private Task<int> CampaignCountAsync() => factory.WithDbAsync(db => db.ReviewCampaigns.IgnoreQueryFilters().CountAsync());

    private string Deadline(int days = 10) => PanelSeed.Iso(factory.Today().AddDays(days));

    [Fact]
    public async Task TheChair_StartsADepartmentalCampaign_CoveringOnlyTheOpenCasesInScopeOfTheDepartement()
    {
        var followed = await factory.FollowedCaseAsync("59", "Anna", PanelSeed.Surname("Suivie"), factory.Today().AddDays(40));
        var reported = await factory.ReportedCaseAsync("59", "Bilal", PanelSeed.Surname("Signalee"));
        var closed = await factory.FollowedCaseAsync("59", "Cyril", PanelSeed.Surname("Fermee"), factory.Today().AddDays(40));
        await factory.DecideAsync(closed.CaseId, DecisionType.Close, null, factory.Clock.GetUtcNow().UtcDateTime);
        var elsewhere = await factory.FollowedCaseAsync("75", "Dina", PanelSeed.Surname("Paris"), factory.Today().AddDays(40));
        using var chair59 = await factory.SignInAsync(Roles.GedChair, "59");

        var (posted, id) = await StartAsync(chair59, "/panel/campaigns/new", "Réexamen des suivis du Nord", Deadline(), "Followed");

        posted.Redirects.ShouldBeTrue(posted.ToString());
        var cases = await CampaignCasesAsync(id!.Value);
        var expected = await factory.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(c => c.TerritoryCode == "59" && c.Status == CaseStatus.Followed).Select(c => c.Id).ToListAsync());
        cases.Select(c => c.CaseId).ShouldBe(expected, ignoreOrder: true);
        cases.ShouldContain(c => c.CaseId == followed.CaseId);
        cases.ShouldNotContain(c => c.CaseId == reported.CaseId || c.CaseId == closed.CaseId || c.CaseId == elsewhere.CaseId);
        cases.ShouldAllBe(c => c.TerritoryCode == "59" && c.ReviewedAt == null);
        (await factory.AuditCountAsync("campaign.created", id.Value)).ShouldBe(1);

        var page = await chair59.GetAsync($"/panel/campaigns/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(followed.Surname.ToUpperInvariant());
        page.Html.ShouldContain($"/panel/reviews/{followed.CaseId}?campaign={id}");
        page.Html.ShouldContain("<progress");
        (await factory.AuditCountAsync("person.listed", followed.PersonId)).ShouldBeGreaterThan(0);

        // Invisible to another département's panel and to the analyst (a departmental campaign is not national).
        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        (await ged75.GetAsync($"/panel/campaigns/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ged75.GetAsync("/panel/campaigns")).Html.ShouldNotContain(id.ToString()!);
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        (await analyst.GetAsync($"/campaigns/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await analyst.GetAsync("/campaigns")).Html.ShouldNotContain(id.ToString()!);
    }

    [Fact]
    public async Task ProgressReaches100Percent_AsThePanelReviewsEachCase_ThroughTheCampaignOrTheReviewsList()
    {
        var a = await factory.FollowedCaseAsync("33", "Elsa", PanelSeed.Surname("Campagne"), factory.Today().AddDays(50));
        var b = await factory.FollowedCaseAsync("33", "Farid", PanelSeed.Surname("Campagne"), factory.Today().AddDays(60));
        using var chair33 = await factory.SignInAsync(Roles.GedChair, "33");
        var (_, id) = await StartAsync(chair33, "/panel/campaigns/new", "Campagne de la Gironde", Deadline(), "Followed");
        (await CampaignCasesAsync(id!.Value)).Count.ShouldBe(2);
        (await chair33.GetAsync($"/panel/campaigns/{id}")).Html.ShouldContain(Fr("campaign.progress-text", 0, 0, 2));

        using var ged33 = await factory.SignInAsync(Roles.Ged, "33");
        var next = PanelSeed.Iso(factory.Today().AddMonths(3));
        var form = await ged33.GetAsync($"/panel/reviews/{a.CaseId}?campaign={id}");
        form.Html.ShouldContain(Fr("review.for-campaign", "Campagne de la Gironde"));
        var first = await ged33.PostWithTokenAsync($"/panel/reviews/{a.CaseId}", WebSession.AntiForgeryToken(form),
            ("Input.Rationale", "Revu pendant la campagne."), ("Input.NextReviewOn", next), ("Input.Version", WebSession.Hidden(form, "Input.Version")), ("campaign", id.ToString()!));
        first.Location.ShouldBe($"/panel/campaigns/{id}");
        (await ged33.GetAsync($"/panel/campaigns/{id}")).Html.ShouldContain(Fr("campaign.progress-text", 50, 1, 2));
        (await factory.WithDbAsync(db => db.CaseEvents.IgnoreQueryFilters().CountAsync(e => e.CaseId == a.CaseId && e.CampaignId == id))).ShouldBe(1);

        // A review recorded from the reviews list (no campaign named) counts too.
        form = await ged33.GetAsync($"/panel/reviews/{b.CaseId}");
        await ged33.PostWithTokenAsync($"/panel/reviews/{b.CaseId}", WebSession.AntiForgeryToken(form),
            ("Input.Rationale", "Revu au fil de l'eau."), ("Input.NextReviewOn", next), ("Input.Version", WebSession.Hidden(form, "Input.Version")));

        var done = await ged33.GetAsync($"/panel/campaigns/{id}");
        done.Html.ShouldContain(Fr("campaign.progress-text", 100, 2, 2));
        done.Html.ShouldContain(Fr("campaign.none-to-review"));
        (await ged33.GetAsync($"/panel/campaigns/{id}?view=reviewed")).Html.ShouldContain(b.Surname.ToUpperInvariant());
        (await CampaignCasesAsync(id.Value)).ShouldAllBe(c => c.ReviewedAt != null);
    }

    [Fact]
    public async Task TheAnalyst_StartsANationalCampaign_CoveringEveryDepartement_AndSeesCountsOnly()
    {
        var nord = await factory.FollowedCaseAsync("59", "Gina", PanelSeed.Surname("National"), factory.Today().AddDays(40));
        var paris = await factory.FollowedCaseAsync("75", "Hamid", PanelSeed.Surname("National"), factory.Today().AddDays(40));
        var underAssessment = await factory.ReportedCaseAsync("75", "Ines", PanelSeed.Surname("Horsperimetre"));
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        var (posted, id) = await StartAsync(analyst, "/campaigns/new", "Réexamen national", Deadline(7), "Followed");

        posted.Redirects.ShouldBeTrue(posted.ToString());
        var cases = await CampaignCasesAsync(id!.Value);
        var expected = await factory.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(c => c.Status == CaseStatus.Followed).Select(c => c.Id).ToListAsync());
        cases.Select(c => c.CaseId).ShouldBe(expected, ignoreOrder: true);
        cases.ShouldContain(c => c.CaseId == nord.CaseId && c.TerritoryCode == "59");
        cases.ShouldContain(c => c.CaseId == paris.CaseId && c.TerritoryCode == "75");
        cases.ShouldNotContain(c => c.CaseId == underAssessment.CaseId);
        (await factory.WithDbAsync(db => db.ReviewCampaigns.IgnoreQueryFilters().SingleAsync(k => k.Id == id))).TerritoryCode.ShouldBeNull();

        var page = await analyst.GetAsync($"/campaigns/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain("<th scope=\"row\">59</th>");
        page.Html.ShouldContain("<th scope=\"row\">75</th>");
        foreach (var c in cases)
        {
            page.Html.ShouldNotContain(c.CaseId.ToString());
        }

        page.Html.ShouldNotContain(nord.Surname.ToUpperInvariant());
        page.Html.ShouldNotContain(nord.Surname);
        page.Html.ShouldNotContain(paris.Surname);
        (await factory.AuditCountAsync("campaign.viewed", id.Value)).ShouldBeGreaterThan(0);
        foreach (var url in new[] { $"/panel/campaigns/{id}", "/panel", "/panel/reviews", $"/cases/{nord.CaseId}", $"/persons/{nord.PersonId}" })
        {
            var refused = await analyst.GetAsync(url);
            refused.Status.ShouldNotBe(HttpStatusCode.OK, url);
            refused.Html.ShouldNotContain(nord.Surname);
        }

        // Each panel sees the national campaign with its own cases only.
        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        var own = await ged75.GetAsync($"/panel/campaigns/{id}");
        own.Status.ShouldBe(HttpStatusCode.OK);
        own.Html.ShouldContain(paris.Surname.ToUpperInvariant());
        own.Html.ShouldNotContain(nord.Surname.ToUpperInvariant());
        own.Html.ShouldNotContain(nord.CaseId.ToString());
        own.Html.ShouldNotContain(Fr("campaign.progress-for", "59"));
        (await ged75.GetAsync($"/panel/campaigns/{id}?view=reviewed")).Html.ShouldNotContain(nord.CaseId.ToString());
        (await ged75.GetAsync($"/panel/reviews/{nord.CaseId}?campaign={id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APanelMemberWhoIsNotChair_CannotStartADepartmentalCampaign()
    {
        var before = await CampaignCountAsync();
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");

        var form = await ged59.GetAsync("/panel/campaigns/new");
        var token = WebSession.AntiForgeryToken(await ged59.GetAsync("/panel/campaigns"));
        var posted = await ged59.PostWithTokenAsync("/panel/campaigns/new", token, [("Input.FormKey", Guid.CreateVersion7().ToString()), .. Fields("Campagne interdite", Deadline(), "Followed")]);

        form.Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Found);
        form.Html.ShouldNotContain("Input.Title");
        posted.Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Found);
        (posted.Location ?? string.Empty).ShouldNotStartWith("/panel/campaigns/");
        (await ged59.GetAsync("/panel/campaigns")).Html.ShouldNotContain("href=\"/panel/campaigns/new\"");
        (await CampaignCountAsync()).ShouldBe(before);
    }

    public static TheoryData<string, string, string, string, string> BadInputs => new()
    {
        { "Campagne", "-1", "Followed", "Input.Deadline", "campaign.error.deadline-past" },
        { "Campagne", "0", "Followed", "Input.Deadline", "campaign.error.deadline-past" },
        { "Campagne", "400", "Followed", "Input.Deadline", "campaign.error.deadline-far" },
        { "Campagne", "31/02/2027", "Followed", "Input.Deadline", "campaign.error.deadline-format" },
        { "Campagne", "../../etc/passwd", "Followed", "Input.Deadline", "campaign.error.deadline-format" },
        { "Campagne", "10", "", "Input.Statuses", "campaign.error.status-required" },
        { "Campagne", "10", "Closed", "Input.Statuses", "campaign.error.status-unknown" },
        { "Campagne", "10", "'; DROP TABLE cases;--", "Input.Statuses", "campaign.error.status-unknown" },
        { "", "10", "Followed", "Input.Title", "campaign.error.title-required" },
        { "<script>alert(1)</script>", "10", "Followed", "Input.Title", "error.markup" },
        { "Titre\nsur deux lignes", "10", "Followed", "Input.Title", "error.control-characters" },
        { "OVERSIZED", "10", "Followed", "Input.Title", "error.too-long" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task StartingACampaign_WithBadInput_ShowsAClearErrorAndCreatesNothing(string title, string deadline, string status, string field, string key)
    {
        var before = await CampaignCountAsync();
        var date = int.TryParse(deadline, out var days) ? Deadline(days) : deadline;
        var text = title == "OVERSIZED" ? new string('x', ReviewCampaign.MaxTitleLength + 1) : title;
        using var chair59 = await factory.SignInAsync(Roles.GedChair, "59");
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);

        foreach (var (session, url) in new[] { (chair59, "/panel/campaigns/new"), (analyst, "/campaigns/new") })
        {
            var (posted, _) = await StartAsync(session, url, text, date, status.Length == 0 ? [] : [status]);

            posted.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, posted.ToString());
            posted.Html.ShouldContain(Fr(key, key == "campaign.error.deadline-far" ? 366 : ReviewCampaign.MaxTitleLength));
            posted.Html.ShouldContain($"href=\"#{field.Replace('.', '_')}\"");
            posted.Html.ShouldNotContain("<script>alert(1)</script>");
        }

        (await CampaignCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ADuplicateSubmit_CreatesOneCampaign()
    {
        using var chair59 = await factory.SignInAsync(Roles.GedChair, "59");
        var form = await chair59.GetAsync("/panel/campaigns/new");
        var key = WebSession.Hidden(form, "Input.FormKey");
        var token = WebSession.AntiForgeryToken(form);
        var before = await CampaignCountAsync();

        var first = await chair59.PostWithTokenAsync("/panel/campaigns/new", token, [("Input.FormKey", key), .. Fields("Campagne en double", Deadline(), "Followed")]);
        var second = await chair59.PostWithTokenAsync("/panel/campaigns/new", token, [("Input.FormKey", key), .. Fields("Campagne en double", Deadline(), "Followed")]);

        first.Redirects.ShouldBeTrue(first.ToString());
        second.Redirects.ShouldBeTrue(second.ToString());
        second.Location.ShouldBe(first.Location);
        (await CampaignCountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task TheChair_ClosesTheCampaign_AndAReviewThenNoLongerCounts()
    {
        var seeded = await factory.FollowedCaseAsync("44", "Jules", PanelSeed.Surname("Cloture"), factory.Today().AddDays(40));
        using var chair44 = await factory.SignInAsync(Roles.GedChair, "44");
        var (_, id) = await StartAsync(chair44, "/panel/campaigns/new", "Campagne à clore", Deadline(), "Followed");
        var page = await chair44.GetAsync($"/panel/campaigns/{id}");
        var version = Regex.Match(page.Html, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;

        var closed = await chair44.PostWithTokenAsync($"/panel/campaigns/{id}?handler=Close", WebSession.AntiForgeryToken(page), ("version", version));
        var again = await chair44.PostWithTokenAsync($"/panel/campaigns/{id}?handler=Close", WebSession.AntiForgeryToken(page), ("version", version));

        closed.Redirects.ShouldBeTrue(closed.ToString());
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        (await factory.WithDbAsync(db => db.ReviewCampaigns.IgnoreQueryFilters().SingleAsync(k => k.Id == id))).ClosedAt.ShouldNotBeNull();
        (await factory.AuditCountAsync("campaign.closed", id!.Value)).ShouldBe(1);
        var form = await chair44.GetAsync($"/panel/reviews/{seeded.CaseId}");
        await chair44.PostWithTokenAsync($"/panel/reviews/{seeded.CaseId}", WebSession.AntiForgeryToken(form),
            ("Input.Rationale", "Après clôture."), ("Input.NextReviewOn", PanelSeed.Iso(factory.Today().AddMonths(2))), ("Input.Version", WebSession.Hidden(form, "Input.Version")));
        (await CampaignCasesAsync(id.Value)).ShouldAllBe(c => c.ReviewedAt == null);
    }
}
