using System.Net;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The panel's home (issue 5): overdue reviews (count and the 10 oldest), reviews due soon, next meetings,
/// the chair's pending approvals, incoming transfers, open campaigns — all of the user's own département.
/// </summary>
public sealed class PanelHomePagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task TheHome_ShowsOverdueReviewsOldestFirst_TenAtMost_WithTheCount_AndAuditsThePersonsShown()
    {
        var today = factory.Today();
        var seeded = new List<SeededCase>();
        for (var i = 0; i < 12; i++)
        {
            seeded.Add(await factory.FollowedCaseAsync("59", "Noa", PanelSeed.Surname("Accueil") + (char)('a' + i), today.AddDays(-100 + i)));
        }

        var soon = await factory.FollowedCaseAsync("59", "Lou", PanelSeed.Surname("Prochain"), today.AddDays(5));
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");

        var home = await ged59.GetAsync("/panel");

        home.Status.ShouldBe(HttpStatusCode.OK, home.ToString());
        home.Html.ShouldContain(Fr("panel-home.overdue-caption", 10, 12));
        home.Html.ShouldContain(seeded[0].Surname.ToUpperInvariant());
        home.Html.ShouldContain(seeded[9].Surname.ToUpperInvariant());
        home.Html.ShouldNotContain(seeded[10].Surname.ToUpperInvariant());
        home.Html.IndexOf(seeded[0].Surname.ToUpperInvariant(), StringComparison.Ordinal).ShouldBeLessThan(home.Html.IndexOf(seeded[1].Surname.ToUpperInvariant(), StringComparison.Ordinal));
        home.Html.ShouldContain(soon.Surname.ToUpperInvariant());
        home.Html.ShouldContain("href=\"/panel/reviews?filter=overdue\"");
        home.Html.ShouldContain("href=\"/panel/meetings/new\"");
        home.Html.ShouldContain("href=\"/panel/members\"");
        home.Html.ShouldContain("href=\"/panel/transfers\"");
        home.Html.ShouldNotContain("href=\"/panel/approvals\"");
        (await factory.AuditCountAsync("person.listed", seeded[0].PersonId)).ShouldBeGreaterThan(0);
        (await factory.AuditCountAsync("person.listed", seeded[11].PersonId)).ShouldBe(0);

        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        var other = await ged75.GetAsync("/panel");
        other.Status.ShouldBe(HttpStatusCode.OK);
        other.Html.ShouldNotContain(seeded[0].Surname.ToUpperInvariant());
        other.Html.ShouldNotContain(soon.Surname.ToUpperInvariant());
    }

    [Fact]
    public async Task TheChair_SeesPendingApprovals_AndEveryPanelSeesIncomingTransfersAndNextMeetings()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var pending = await factory.FollowedCaseAsync("62", "Mia", PanelSeed.Surname("Approbation"), factory.Today().AddDays(20));
        await factory.WithDbAsync(async db =>
        {
            var @case = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Cases, c => c.Id == pending.CaseId);
            var (decision, error) = PanelDecision.Propose(@case, DecisionType.Close, "Clôture proposée.", null, null, ClosureReason.RiskEnded, null, null, "62", null, null, "member-62", now);
            error.ShouldBeNull();
            db.PanelDecisions.Add(decision!);
            db.CaseTransfers.Add(new CaseTransfer
            {
                CaseId = pending.CaseId, PersonId = pending.PersonId, FromTerritory = "59", ToTerritory = "62", DecisionId = decision!.Id,
                PersonLabel = "Étiquette", Summary = "Résumé", RequestedAt = now, RequestedById = "member-59",
            });
            db.PanelMeetings.Add(new PanelMeeting { TerritoryCode = "62", ScheduledAt = now.AddDays(3), Location = "Salle Arras", CreatedById = "member-62", CreatedAt = now });
            await db.SaveChangesAsync();
        });

        using var chair62 = await factory.SignInAsync(Roles.GedChair, "62");
        var home = await chair62.GetAsync("/panel");
        home.Html.ShouldContain("href=\"/panel/approvals\"");
        home.Html.ShouldContain("Salle Arras");
        home.Html.ShouldContain("id=\"approvals-count\">1<");
        home.Html.ShouldContain("id=\"transfers-count\">1<");

        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var other = await ged59.GetAsync("/panel");
        other.Html.ShouldNotContain("Salle Arras");
        other.Html.ShouldContain("id=\"transfers-count\">0<");
    }
}

/// <summary>The reviews' demo data: run after the demo seed, the Nord's panel home shows overdue reviews and an open national campaign.</summary>
public sealed class ReviewsDemoTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task TheDemo_GivesTheNordOverdueReviews_AndAnOpenNationalCampaignCoveringEveryFollowedCase()
    {
        await factory.AsSystemAsync(async services =>
        {
            // The demo seed runs the reviews' demo (ReviewsDemo.SeedAsync) after the demo cases.
            (await Passerelle.Web.Data.DemoSeed.RunAsync(services)).ShouldBeTrue();
            return true;
        });
        var today = factory.Today();

        var overdue = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Cases, c => c.TerritoryCode == "59" && c.Status == CaseStatus.Followed && c.NextReviewOn < today));
        var campaign = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ReviewCampaigns, k => k.TerritoryCode == null && k.ClosedAt == null));
        var covered = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.CampaignCases, x => x.CampaignId == campaign.Id));
        // The care demo, seeded after the campaign was started, refers cases to the CPRAF (a decision that makes them
        // followed): the campaign covers the cases followed when it started.
        var followed = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Cases, c => c.Status == CaseStatus.Followed
                && (!Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.CareReferrals).Any(r => r.CaseId == c.Id)
                    || db.CampaignCases.Any(x => x.CampaignId == campaign.Id && x.CaseId == c.Id))));

        overdue.ShouldBe(2);
        covered.ShouldBe(followed);
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var home = await ged59.GetAsync("/panel");
        home.Html.ShouldContain("BERNARD Rayan");
        home.Html.ShouldContain(Html(campaign.Title));
    }
}
