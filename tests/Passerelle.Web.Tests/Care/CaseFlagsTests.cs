using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Care;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Care;

/// <summary>
/// The case page's compartment flags and GET /api/v1/cases/{id}/flags: the care plan's status and panel summary,
/// the programme participant's status and summary, the minors' protocol link; never a note (session, health,
/// refusal); nothing for another département; audited. Also the retention rule ended-care-plans and the demo seed.
/// </summary>
public sealed class CaseFlagsTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const string SessionSecret = "SEANCE-CONFIDENTIELLE-7731";
    private const string HealthSecret = "SANTE-CONFIDENTIELLE-4412";
    private const string ReviewSecret = "POINT-CONFIDENTIEL-9920";

    private async Task<(Referred Referred, Guid PlanId)> PlanWithSecretsAsync(string territory, string surname)
    {
        var referred = await factory.ReferAsync(territory, "Olga", surname);
        var planId = await factory.OpenPlanAsync(referred);
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var plan = await db.CarePlans.IgnoreQueryFilters().SingleAsync(p => p.Id == planId);
            plan.PanelSummary = "Adhère à l'accompagnement.";
            plan.PanelSummaryAt = now;
            db.CareSessions.Add(new CareSession { PlanId = planId, TerritoryCode = territory, Kind = CareSessionKind.Session, At = now, Note = SessionSecret, RecordedById = "t", RecordedAt = now });
            db.CareProgressReviews.Add(new CareProgressReview { PlanId = planId, TerritoryCode = territory, HeldOn = DateOnly.FromDateTime(now), Progress = ReviewSecret, RecordedById = "t", RecordedAt = now });
            db.CareGoals.Add(new CareGoal { PlanId = planId, TerritoryCode = territory, Text = "OBJECTIF-CONFIDENTIEL", CreatedAt = now });
            db.HealthNotes.Add(new HealthNote { PlanId = planId, TerritoryCode = territory, At = now, Text = HealthSecret, AuthorId = "t", AuthorName = "Clinicien" });
            await db.SaveChangesAsync();
        });
        return (referred, planId);
    }

    [Fact]
    public async Task CasePage_ShowsTheCareStatusAndPanelSummary_NeverANote_AndTheApiSaysTheSame()
    {
        var (referred, _) = await PlanWithSecretsAsync("59", "Drapeau");
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var before = await factory.AuditAsync("case.flags.read", referred.CaseId);

        var page = await ged.GetAsync($"/cases/{referred.CaseId}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Html(FrText("care-flags.care.Active", "").TrimEnd()));
        page.Html.ShouldContain(Html("Adhère à l'accompagnement."));
        foreach (var secret in new[] { SessionSecret, HealthSecret, ReviewSecret, "OBJECTIF-CONFIDENTIEL" })
        {
            page.Html.ShouldNotContain(secret);
        }

        page.Html.ShouldNotContain("care-flags.", Case.Sensitive);
        (await factory.AuditAsync("case.flags.read", referred.CaseId)).ShouldBe(before + 1);

        using var api = factory.ClientWithToken((await factory.PageUserAsync(Roles.Ged, "59")).Token);
        var response = await api.GetAsync(new Uri($"/api/v1/cases/{referred.CaseId}/flags", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var secret in new[] { SessionSecret, HealthSecret, ReviewSecret, "OBJECTIF-CONFIDENTIEL" })
        {
            body.ShouldNotContain(secret);
        }

        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("care").GetProperty("state").GetString().ShouldBe("Active");
        json.RootElement.GetProperty("care").GetProperty("summary").GetString().ShouldBe("Adhère à l'accompagnement.");
        json.RootElement.GetProperty("programme").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Flags_WaitingDeclinedClosedAndWithdrawn_ReadAsTheirStatus()
    {
        var waiting = await factory.ReferAsync("59", "Paul", "Attend");
        var declined = await factory.ReferAsync("59", "Quentin", "Decline");
        await factory.WithDbAsync(async db =>
        {
            var r = await db.CareReferrals.IgnoreQueryFilters().SingleAsync(x => x.Id == declined.ReferralId);
            r.Status = CareReferralStatus.Declined;
            r.DeclineNote = "REFUS-CONFIDENTIEL";
            r.SettledAt = factory.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        });
        var closed = await factory.ReferAsync("59", "Rose", "Close");
        var closedPlan = await factory.OpenPlanAsync(closed);
        await factory.WithDbAsync(async db =>
        {
            var p = await db.CarePlans.IgnoreQueryFilters().SingleAsync(x => x.Id == closedPlan);
            p.Close(CareOutcome.GoalsMet, "ISSUE-CONFIDENTIELLE", factory.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(1826)).ShouldBeNull();
            await db.SaveChangesAsync();
        });
        using var ged = await factory.SignInAsync(Roles.Ged, "59");

        (await ged.GetAsync($"/cases/{waiting.CaseId}")).Html.ShouldContain(Html(FrText("care-flags.care.Waiting", "X").Split('X')[0]));
        var d = await ged.GetAsync($"/cases/{declined.CaseId}");
        d.Html.ShouldContain(Html(FrText("care-flags.care.Declined", "X").Split('X')[0]));
        d.Html.ShouldNotContain("REFUS-CONFIDENTIEL");
        var c = await ged.GetAsync($"/cases/{closed.CaseId}");
        c.Html.ShouldContain(Fr("care-plan.outcome.GoalsMet"));
        c.Html.ShouldNotContain("ISSUE-CONFIDENTIELLE");
    }

    [Fact]
    public async Task Flags_GiveNothing_ToThePanelOfAnotherDepartement()
    {
        var (referred, _) = await PlanWithSecretsAsync("59", "Frontiere");
        using var ged62 = await factory.SignInAsync(Roles.Ged, "62");

        var page = await ged62.GetAsync($"/cases/{referred.CaseId}");
        page.Status.ShouldBe(HttpStatusCode.NotFound);
        page.Html.ShouldNotContain("Adhère à l'accompagnement.");
        using var api = factory.ClientWithToken((await factory.PageUserAsync(Roles.Ged, "62")).Token);
        var response = await api.GetAsync(new Uri($"/api/v1/cases/{referred.CaseId}/flags", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Adhère");
        (await factory.AuditAsync("case.flags.read", referred.CaseId, "not-found")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Flags_ShowTheProgrammeStatusAndSummary_AndOfferTheMinorsProtocolForAMinorCase()
    {
        var minor = await factory.ReferAsync("59", "Sami", "Jeune", minor: true);
        await factory.WithDbAsync(async db =>
        {
            db.ProgrammeParticipants.Add(new ProgrammeParticipant
            {
                SiteCode = "LIL", TerritoryCode = "59", CaseId = minor.CaseId, PersonId = minor.PersonId, GivenName = "Sami", Surname = "Jeune",
                Source = ReferralSource.Panel, ReferredOn = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime), CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
                CreatedById = "t", PanelSummary = "Inscription en préparation.", PanelSummaryAt = factory.Clock.GetUtcNow().UtcDateTime, ReferralNote = "NOTE-PROGRAMME-CONFIDENTIELLE",
            });
            await db.SaveChangesAsync();
        });
        using var ged = await factory.SignInAsync(Roles.Ged, "59");

        var page = await ged.GetAsync($"/cases/{minor.CaseId}");
        page.Html.ShouldContain(Html("Inscription en préparation."));
        page.Html.ShouldNotContain("NOTE-PROGRAMME-CONFIDENTIELLE");
        page.Html.ShouldContain($"/minors/new?caseId={minor.CaseId}");
        page.Html.ShouldContain(Fr("care-flags.minor.offer"));

        var adult = await factory.ReferAsync("59", "Tom", "Majeur");
        (await ged.GetAsync($"/cases/{adult.CaseId}")).Html.ShouldNotContain("/minors/new");
    }

    [Fact]
    public async Task Retention_DeletesEndedPlansPastTheirDeadline_WithEveryRowAndTheReferral_AndReportsIt()
    {
        var (referred, planId) = await PlanWithSecretsAsync("59", "Purge");
        var (kept, keptPlan) = await PlanWithSecretsAsync("59", "Garde");
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var p = await db.CarePlans.IgnoreQueryFilters().SingleAsync(x => x.Id == planId);
            p.Close(CareOutcome.Moved, null, now, TimeSpan.FromDays(1)).ShouldBeNull();
            var k = await db.CarePlans.IgnoreQueryFilters().SingleAsync(x => x.Id == keptPlan);
            k.Close(CareOutcome.Moved, null, now, TimeSpan.FromDays(30)).ShouldBeNull();
            await db.SaveChangesAsync();
        });
        factory.Clock.Advance(TimeSpan.FromDays(2));

        var results = await factory.AsSystemAsync(services => services.GetRequiredService<RetentionJob>().RunAsync("test", CancellationToken.None));

        results.Single(r => r.Rule == RetentionJob.EndedCarePlans).Deleted.ShouldBe(1);
        await factory.WithDbAsync(async db =>
        {
            (await db.CarePlans.IgnoreQueryFilters().AnyAsync(p => p.Id == planId)).ShouldBeFalse();
            (await db.CareReferrals.IgnoreQueryFilters().AnyAsync(r => r.Id == referred.ReferralId)).ShouldBeFalse();
            (await db.CareSessions.IgnoreQueryFilters().AnyAsync(s => s.PlanId == planId)).ShouldBeFalse();
            (await db.CareGoals.IgnoreQueryFilters().AnyAsync(s => s.PlanId == planId)).ShouldBeFalse();
            (await db.CareProgressReviews.IgnoreQueryFilters().AnyAsync(s => s.PlanId == planId)).ShouldBeFalse();
            (await db.HealthNotes.IgnoreQueryFilters().AnyAsync(s => s.PlanId == planId)).ShouldBeFalse();
            (await db.CarePlans.IgnoreQueryFilters().AnyAsync(p => p.Id == keptPlan)).ShouldBeTrue();
            (await db.HealthNotes.IgnoreQueryFilters().AnyAsync(s => s.PlanId == keptPlan)).ShouldBeTrue();
            var run = await db.RetentionRuns.SingleAsync(r => r.Rule == RetentionJob.EndedCarePlans);
            run.DeletedIds.ShouldNotBeNull().ShouldContain(planId.ToString());
            (await db.AuditEvents.AnyAsync(e => e.Action == "retention.purged" && e.ObjectType == RetentionJob.EndedCarePlans)).ShouldBeTrue();
        });
        _ = kept;
    }

    [Fact]
    public async Task Retention_DeletesDeclinedReferralsAYearAfterTheRefusal_KeepsWaitingAndRecentOnes()
    {
        var old = await factory.ReferAsync("59", "Ancien", "Refus");
        var recent = await factory.ReferAsync("59", "Recent", "Refus");
        var waiting = await factory.ReferAsync("59", "Attente", "Orientation");
        async Task DeclineAsync(Guid referralId) => await factory.WithDbAsync(async db =>
        {
            var r = await db.CareReferrals.IgnoreQueryFilters().SingleAsync(x => x.Id == referralId);
            r.Status = CareReferralStatus.Declined;
            r.SettledAt = factory.Clock.GetUtcNow().UtcDateTime;
            r.DeclineNote = "Refus de l'accompagnement.";
            await db.SaveChangesAsync();
        });
        await DeclineAsync(old.ReferralId);
        factory.Clock.Advance(TimeSpan.FromDays(200));
        await DeclineAsync(recent.ReferralId);
        factory.Clock.Advance(TimeSpan.FromDays(170));

        var results = await factory.AsSystemAsync(services => services.GetRequiredService<RetentionJob>().RunAsync("test", CancellationToken.None));

        results.Single(r => r.Rule == RetentionJob.DeclinedCareReferrals).Deleted.ShouldBe(1);
        await factory.WithDbAsync(async db =>
        {
            (await db.CareReferrals.IgnoreQueryFilters().AnyAsync(r => r.Id == old.ReferralId)).ShouldBeFalse();
            (await db.CareReferrals.IgnoreQueryFilters().AnyAsync(r => r.Id == recent.ReferralId)).ShouldBeTrue();
            (await db.CareReferrals.IgnoreQueryFilters().AnyAsync(r => r.Id == waiting.ReferralId)).ShouldBeTrue();
            var run = await db.RetentionRuns.SingleAsync(r => r.Rule == RetentionJob.DeclinedCareReferrals);
            run.DeletedIds.ShouldNotBeNull().ShouldContain(old.ReferralId.ToString());
        });
    }

    [Fact]
    public async Task Demo_ReferTwoNordCasesThroughTheDecisionPath_OneWaiting_OneWithAFullPlan()
    {
        // A database of its own: the demo seeds only an empty installation.
        await using var demo = await PasserelleFactory.StartAsync();
        (await demo.AsSystemAsync(services => DemoSeed.RunAsync(services))).ShouldBeTrue();
        await demo.AsSystemAsync(async services =>
        {
            await CareDemo.SeedAsync(services);
            await CareDemo.SeedAsync(services); // a second run adds nothing
            return true;
        });

        await demo.WithDbAsync(async db =>
        {
            var referrals = await db.CareReferrals.IgnoreQueryFilters().Where(r => r.TerritoryCode == "59" && r.Rationale.Contains("(démo)")).ToListAsync();
            referrals.Count.ShouldBe(2);
            referrals.Count(r => r.Status == CareReferralStatus.Waiting).ShouldBe(1);
            var plan = await db.CarePlans.IgnoreQueryFilters().SingleAsync(p => referrals.Select(r => r.Id).Contains(p.ReferralId));
            plan.PanelSummary.ShouldNotBeNullOrWhiteSpace();
            (await db.CareSessions.IgnoreQueryFilters().CountAsync(s => s.PlanId == plan.Id && s.Kind == CareSessionKind.FamilySupport)).ShouldBe(1);
            (await db.HealthNotes.IgnoreQueryFilters().CountAsync(n => n.PlanId == plan.Id)).ShouldBe(1);
            (await db.PanelDecisions.IgnoreQueryFilters().CountAsync(d => referrals.Select(r => r.DecisionId).Contains(d.Id) && d.Type == DecisionType.ReferCare)).ShouldBe(2);
        });
    }
}
