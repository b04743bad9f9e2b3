using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Case = Shouldly.Case;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Care;

/// <summary>
/// The CPRAF's pages (/care, /care/referrals/{id}, /care/plans/{id}, health notes): no plan without consent (page
/// and forged posts), a minor needs the named guardians, a refusal opens nothing, the plan's work (goals,
/// interventions, sessions, family and family-support sessions, reviews, panel summary), version checks, an ended
/// plan is read-only, health notes for clinicians only, and the compartment and territory boundaries.
/// </summary>
public sealed class CarePlanPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static string Today(PasserelleFactory f) => DateOnly.FromDateTime(f.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<int> PlansOfAsync(Guid referralId) => factory.WithDbAsync(db => db.CarePlans.IgnoreQueryFilters().CountAsync(p => p.ReferralId == referralId));

    private Task<CareReferral> ReferralAsync(Guid id) => factory.WithDbAsync(db => db.CareReferrals.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task CareDesk_ListsWaitingReferralsOldestFirst_WithTheirAge_AndShowsEmptyStatesElsewhere()
    {
        var first = await factory.ReferAsync("59", "Alice", "Premiere");
        factory.Clock.Advance(TimeSpan.FromDays(2));
        var second = await factory.ReferAsync("59", "Bruno", "Seconde");
        using var care = await factory.SignInAsync(Roles.Care, "59");

        var page = await care.GetAsync("/care");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var a = page.Html.IndexOf("PREMIERE Alice", StringComparison.Ordinal);
        var b = page.Html.IndexOf("SECONDE Bruno", StringComparison.Ordinal);
        a.ShouldBeGreaterThan(0);
        b.ShouldBeGreaterThan(a);
        page.Html.ShouldContain(Fr("care-plan.age-days", 2));
        page.Html.ShouldContain($"/care/referrals/{first.ReferralId}");
        page.Html.ShouldContain($"/care/referrals/{second.ReferralId}");
        page.Html.ShouldNotContain("care-plan.", Case.Sensitive);

        using var empty = await factory.SignInAsync(Roles.Care, "2A");
        var none = await empty.GetAsync("/care");
        none.Html.ShouldContain(Fr("care-plan.index.waiting-empty"));
        none.Html.ShouldContain(Fr("care-plan.index.active-empty"));
        none.Html.ShouldContain(Fr("care-plan.index.ended-empty"));
        none.Html.ShouldNotContain("PREMIERE");
    }

    [Fact]
    public async Task Consent_WithoutTheBoxTicked_OrForged_OpensNoPlan_AndSaysWhy()
    {
        var referred = await factory.ReferAsync("59", "Chloe", "Sansaccord");
        using var care = await factory.SignInAsync(Roles.Care, "59");
        var url = $"/care/referrals/{referred.ReferralId}";
        var form = await care.GetAsync(url);
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Html.ShouldContain(Html("Orientation vers la CPRAF : rupture familiale, la famille demande de l'aide."));
        var token = WebSession.AntiForgeryToken(form);
        var version = WebSession.Hidden(form, "Version");

        var unticked = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("GivenBy", "person"), ("GivenOn", Today(factory)), ("Version", version));
        unticked.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        unticked.Html.ShouldContain(Fr("care-plan.error.consent-required"));

        var forgedFalse = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "false"), ("GivenBy", "person"), ("GivenOn", Today(factory)), ("Version", version));
        forgedFalse.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

        foreach (var hostile in new[] { "<script>alert(1)</script>", "'; DROP TABLE care_plans; --", "../../etc/passwd", "2026-13-45", new string('9', 5000) })
        {
            var bad = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "person"), ("GivenOn", hostile), ("Version", version));
            bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
            bad.Html.ShouldContain(Fr("care-plan.error.date"));
            bad.Html.ShouldNotContain("<script>alert(1)</script>");
        }

        var future = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "person"), ("GivenOn", "2999-01-01"), ("Version", version));
        future.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var unknownGiver = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "neighbour"), ("GivenOn", Today(factory)), ("Version", version));
        unknownGiver.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var noToken = await care.PostWithTokenAsync(url + "?handler=Consent", null, ("ConsentRecorded", "true"), ("GivenBy", "person"), ("GivenOn", Today(factory)), ("Version", version));
        noToken.Status.ShouldBe(HttpStatusCode.BadRequest);

        (await PlansOfAsync(referred.ReferralId)).ShouldBe(0);
        (await ReferralAsync(referred.ReferralId)).Status.ShouldBe(CareReferralStatus.Waiting);
    }

    [Fact]
    public async Task Consent_ForAMinor_NeedsTheNamedGuardians_ThenOpensThePlanOnce()
    {
        var referred = await factory.ReferAsync("59", "Dina", "Mineure", minor: true);
        (await ReferralAsync(referred.ReferralId)).Minor.ShouldBeTrue();
        using var care = await factory.SignInAsync(Roles.Care, "59");
        var url = $"/care/referrals/{referred.ReferralId}";
        var form = await care.GetAsync(url);
        var token = WebSession.AntiForgeryToken(form);
        var version = WebSession.Hidden(form, "Version");

        var byPerson = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "person"), ("GivenOn", Today(factory)), ("Version", version));
        byPerson.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        byPerson.Html.ShouldContain(Fr("care-plan.error.guardians-consent-required"));
        var unnamed = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "guardians"), ("Guardians", "   "), ("GivenOn", Today(factory)), ("Version", version));
        unnamed.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var tooLong = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "guardians"), ("Guardians", new string('x', 201)), ("GivenOn", Today(factory)), ("Version", version));
        tooLong.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PlansOfAsync(referred.ReferralId)).ShouldBe(0);

        var opened = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "guardians"), ("Guardians", "Mme et M. Mineure"), ("GivenOn", Today(factory)), ("Version", version));
        opened.Redirects.ShouldBeTrue(opened.ToString());
        opened.Location.ShouldNotBeNull().ShouldStartWith("/care/plans/");
        var plan = await factory.WithDbAsync(db => db.CarePlans.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ReferralId == referred.ReferralId));
        plan.ConsentGivenBy.ShouldBe(ConsentGivenBy.Guardians);
        plan.ConsentGuardians.ShouldBe("Mme et M. Mineure");
        (await ReferralAsync(referred.ReferralId)).Status.ShouldBe(CareReferralStatus.PlanOpened);
        (await factory.AuditAsync("care.plan.opened", plan.Id)).ShouldBe(1);

        var again = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "guardians"), ("Guardians", "Mme et M. Mineure"), ("GivenOn", Today(factory)), ("Version", version));
        again.Status.ShouldBe(HttpStatusCode.Conflict);
        again.Html.ShouldContain(Fr("care-plan.error.referral-settled"));
        (await PlansOfAsync(referred.ReferralId)).ShouldBe(1);
    }

    [Fact]
    public async Task Refusal_NeedsANote_AndDeclinesTheReferralWithoutAPlan()
    {
        var referred = await factory.ReferAsync("59", "Elie", "Refus");
        using var care = await factory.SignInAsync(Roles.Care, "59");
        var url = $"/care/referrals/{referred.ReferralId}";
        var form = await care.GetAsync(url);
        var token = WebSession.AntiForgeryToken(form);
        var version = WebSession.Hidden(form, "Version");

        var empty = await care.PostWithTokenAsync(url + "?handler=Decline", token, ("DeclineNote", " "), ("Version", version));
        empty.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        empty.Html.ShouldContain(Fr("care-plan.error.decline-note"));
        var huge = await care.PostWithTokenAsync(url + "?handler=Decline", token, ("DeclineNote", new string('n', CarePlan.MaxNoteLength + 1)), ("Version", version));
        huge.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ReferralAsync(referred.ReferralId)).Status.ShouldBe(CareReferralStatus.Waiting);

        var declined = await care.PostWithTokenAsync(url + "?handler=Decline", token, ("DeclineNote", "La personne ne souhaite pas d'accompagnement."), ("Version", version));
        declined.Redirects.ShouldBeTrue(declined.ToString());
        var referral = await ReferralAsync(referred.ReferralId);
        referral.Status.ShouldBe(CareReferralStatus.Declined);
        (await PlansOfAsync(referred.ReferralId)).ShouldBe(0);
        (await factory.AuditAsync("care.referral.declined", referred.ReferralId)).ShouldBe(1);

        var consentAfter = await care.PostWithTokenAsync(url + "?handler=Consent", token, ("ConsentRecorded", "true"), ("GivenBy", "person"), ("GivenOn", Today(factory)), ("Version", referral.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        consentAfter.Status.ShouldBe(HttpStatusCode.Conflict);
        (await PlansOfAsync(referred.ReferralId)).ShouldBe(0);
    }

    [Fact]
    public async Task Session_JustAfterMidnightInParisOnTheDayOfConsent_IsAccepted()
    {
        // Consent given on day D; a session at 00:30 Paris time on D is 23:30 UTC on D - 1, and
        // must be compared with the consent in Paris days, not UTC ones.
        var referred = await factory.ReferAsync("59", "Minuit", "Parcours");
        var planId = await factory.OpenPlanAsync(referred);
        var consentDay = (await factory.PlanAsync(planId)).ConsentGivenOn;
        using var care = await factory.SignInAsync(Roles.Care, "59");
        var url = $"/care/plans/{planId}";
        var page = await care.GetAsync(url);
        var at = consentDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:30";

        var posted = await care.PostWithTokenAsync($"{url}?handler=Session", WebSession.AntiForgeryToken(page),
            ("SessionKind", "contact"), ("SessionAt", at), ("Duration", "10"), ("SessionNote", "Appel de nuit"), ("Version", WebSession.Hidden(page, "Version")));

        posted.Redirects.ShouldBeTrue(posted.ToString());
        (await factory.WithDbAsync(db => db.CareSessions.IgnoreQueryFilters().CountAsync(x => x.PlanId == planId))).ShouldBe(1);
    }

    [Fact]
    public async Task Plan_RecordsGoalsInterventionsSessionsFamilyReviewsAndSummary_EachAudited()
    {
        var referred = await factory.ReferAsync("59", "Fanny", "Parcours");
        var planId = await factory.OpenPlanAsync(referred);
        using var care = await factory.SignInAsync(Roles.Care, "59");
        var url = $"/care/plans/{planId}";

        async Task<PageResponse> PostAsync(string handler, params (string, string)[] fields)
        {
            var page = await care.GetAsync(url);
            page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
            var all = fields.Append(("Version", WebSession.Hidden(page, "Version"))).ToArray();
            return await care.PostWithTokenAsync($"{url}?handler={handler}", WebSession.AntiForgeryToken(page), all);
        }

        (await PostAsync("Goal", ("GoalText", "Reprendre une formation"))).Redirects.ShouldBeTrue();
        (await PostAsync("Intervention", ("InterventionType", "Employment"), ("Provider", "Mission locale de Lille"), ("StartedOn", Today(factory)))).Redirects.ShouldBeTrue();
        var now = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var at = TimeZoneInfo.ConvertTimeFromUtc(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        (await PostAsync("Session", ("SessionKind", "session"), ("SessionAt", at), ("Duration", "45"), ("SessionNote", "<script>alert('x')</script> entretien"))).Redirects.ShouldBeTrue();
        (await PostAsync("FamilyMember", ("MemberName", "Mère Parcours"), ("Relationship", "Mother"), ("MemberContact", "06 00 00 00 00"))).Redirects.ShouldBeTrue();
        var memberId = await factory.WithDbAsync(db => db.CareFamilyMembers.IgnoreQueryFilters().Where(m => m.PlanId == planId).Select(m => m.Id).SingleAsync());
        (await PostAsync("FamilySession", ("FamilyMembers", memberId.ToString()), ("FamilyAt", at), ("FamilyDuration", "60"), ("FamilyNote", "Séance avec la mère"))).Redirects.ShouldBeTrue();
        var next = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddMonths(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await PostAsync("Review", ("HeldOn", Today(factory)), ("Progress", "Assidu"), ("NextReviewOn", next), ("ReviewSummary", "Adhère au plan."))).Redirects.ShouldBeTrue();
        var goalId = await factory.WithDbAsync(db => db.CareGoals.IgnoreQueryFilters().Where(g => g.PlanId == planId).Select(g => g.Id).SingleAsync());
        (await PostAsync("GoalSettle", ("GoalId", goalId.ToString()), ("GoalOutcome", "achieved"))).Redirects.ShouldBeTrue();

        var page = await care.GetAsync(url);
        page.Html.ShouldContain("Reprendre une formation");
        page.Html.ShouldContain(Fr("care-plan.goal.Achieved"));
        page.Html.ShouldContain("Mission locale de Lille");
        page.Html.ShouldContain(Fr("care-plan.session.FamilySupport"));
        page.Html.ShouldContain("Mère Parcours");
        page.Html.ShouldContain("Adhère au plan.");
        page.Html.ShouldContain(Fr("care-plan.sessions.health-warning"));
        page.Html.ShouldNotContain("<script>alert('x')</script>");
        page.Html.ShouldNotContain("health-notes-link");
        page.Html.ShouldNotContain("care-plan.", Case.Sensitive);
        var plan = await factory.PlanAsync(planId);
        plan.PanelSummary.ShouldBe("Adhère au plan.");
        plan.NextReviewOn.ShouldBe(DateOnly.ParseExact(next, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var session = await factory.WithDbAsync(db => db.CareSessions.IgnoreQueryFilters().SingleAsync(s => s.PlanId == planId && s.Kind == CareSessionKind.FamilySupport));
        session.FamilyMemberIds.ShouldBe(memberId.ToString());
        foreach (var action in new[] { "goal-added", "intervention-added", "session-added", "family-member-added", "family-session-added", "review-added", "goal-settled" })
        {
            (await factory.AuditAsync("care.plan." + action, planId)).ShouldBe(1, action);
        }

        (await factory.AuditAsync("care.plan.read", planId)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Plan_BadInput_StaleForms_AndForgedIds_ChangeNothing()
    {
        var referred = await factory.ReferAsync("59", "Gael", "Erreurs");
        var planId = await factory.OpenPlanAsync(referred);
        var other = await factory.OpenPlanAsync(await factory.ReferAsync("59", "Hugo", "Autreplan"));
        var foreignGoal = await factory.WithDbAsync(async db =>
        {
            var g = new CareGoal { PlanId = other, TerritoryCode = "59", Text = "Objectif d'un autre plan", CreatedAt = factory.Clock.GetUtcNow().UtcDateTime };
            var m = new CareFamilyMember { PlanId = other, TerritoryCode = "59", Name = "Autre famille", Relationship = FamilyRelationship.Father };
            db.CareGoals.Add(g);
            db.CareFamilyMembers.Add(m);
            await db.SaveChangesAsync();
            return (Goal: g.Id, Member: m.Id);
        });
        using var care = await factory.SignInAsync(Roles.Care, "59");
        var url = $"/care/plans/{planId}";
        var page = await care.GetAsync(url);
        var token = WebSession.AntiForgeryToken(page);
        var version = WebSession.Hidden(page, "Version");
        var before = await factory.PlanVersionAsync(planId);

        (await care.PostWithTokenAsync(url + "?handler=Goal", token, ("GoalText", new string('g', CareGoal.MaxTextLength + 1)), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Goal", token, ("GoalText", ""), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Intervention", token, ("InterventionType", "Religion"), ("Provider", "X"), ("StartedOn", Today(factory)), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Intervention", token, ("InterventionType", "7"), ("Provider", "X"), ("StartedOn", Today(factory)), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Session", token, ("SessionKind", "session"), ("SessionAt", "2999-01-01T10:00"), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Session", token, ("SessionKind", "session"), ("SessionAt", "'; DROP TABLE care_sessions; --"), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Session", token, ("SessionKind", "FamilySupport"), ("SessionAt", "2026-01-01T10:00"), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=GoalSettle", token, ("GoalId", foreignGoal.Goal.ToString()), ("GoalOutcome", "achieved"), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=FamilySession", token, ("FamilyMembers", foreignGoal.Member.ToString()), ("FamilyAt", "2026-01-01T10:00"), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=FamilySession", token, ("FamilyAt", "2026-01-01T10:00"), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Summary", token, ("Summary", new string('s', CarePlan.MaxSummaryLength + 1)), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Close", token, ("Outcome", "ConsentWithdrawn"), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await care.PostWithTokenAsync(url + "?handler=Close", token, ("Outcome", "Other"), ("OutcomeNote", ""), ("Version", version))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var stale = await care.PostWithTokenAsync(url + "?handler=Goal", token, ("GoalText", "Objectif"), ("Version", (before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Html.ShouldContain(Fr("care-plan.error.stale"));
        var ghost = await care.PostWithTokenAsync($"/care/plans/{Guid.NewGuid()}?handler=Goal", token, ("GoalText", "Objectif"), ("Version", version));
        ghost.Status.ShouldBe(HttpStatusCode.NotFound);

        (await factory.PlanVersionAsync(planId)).ShouldBe(before);
        (await factory.WithDbAsync(db => db.CareGoals.IgnoreQueryFilters().CountAsync(g => g.PlanId == planId))).ShouldBe(0);
        (await factory.WithDbAsync(db => db.CareSessions.IgnoreQueryFilters().CountAsync(s => s.PlanId == planId))).ShouldBe(0);
        (await factory.WithDbAsync(db => db.CareGoals.IgnoreQueryFilters().SingleAsync(g => g.Id == foreignGoal.Goal))).Status.ShouldBe(CareGoalStatus.Open);
        (await factory.PlanAsync(planId)).IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task ClosedPlan_IsReadOnly_409AndNothingChanges_AndWithdrawalEndsAPlanWithARetentionDeadline()
    {
        var closing = await factory.OpenPlanAsync(await factory.ReferAsync("59", "Ines", "Cloture"));
        var withdrawing = await factory.OpenPlanAsync(await factory.ReferAsync("59", "Jade", "Retrait"));
        using var care = await factory.SignInAsync(Roles.Care, "59");

        var page = await care.GetAsync($"/care/plans/{closing}");
        var token = WebSession.AntiForgeryToken(page);
        var closed = await care.PostWithTokenAsync($"/care/plans/{closing}?handler=Close", token, ("Outcome", "GoalsMet"), ("OutcomeNote", "Formation reprise"), ("Version", WebSession.Hidden(page, "Version")));
        closed.Redirects.ShouldBeTrue(closed.ToString());
        var plan = await factory.PlanAsync(closing);
        plan.Status.ShouldBe(CarePlanStatus.Closed);
        plan.RetainUntil.ShouldNotBeNull();
        var version = plan.Version;

        var after = await care.PostWithTokenAsync($"/care/plans/{closing}?handler=Goal", token, ("GoalText", "Trop tard"), ("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        after.Status.ShouldBe(HttpStatusCode.Conflict);
        after.Html.ShouldContain(Fr("care-plan.error.closed"));
        var view = await care.GetAsync($"/care/plans/{closing}");
        view.Html.ShouldContain(Fr("care-plan.plan.read-only"));
        view.Html.ShouldNotContain("handler=Goal");
        (await factory.PlanVersionAsync(closing)).ShouldBe(version);
        (await factory.WithDbAsync(db => db.CareGoals.IgnoreQueryFilters().CountAsync(g => g.PlanId == closing))).ShouldBe(0);

        var w = await care.GetAsync($"/care/plans/{withdrawing}");
        var withdrawn = await care.PostWithTokenAsync($"/care/plans/{withdrawing}?handler=Withdraw", WebSession.AntiForgeryToken(w), ("WithdrawnOn", Today(factory)), ("WithdrawalNote", "Ne souhaite plus venir"), ("Version", WebSession.Hidden(w, "Version")));
        withdrawn.Redirects.ShouldBeTrue(withdrawn.ToString());
        var ended = await factory.PlanAsync(withdrawing);
        ended.Status.ShouldBe(CarePlanStatus.ConsentWithdrawn);
        ended.ConsentWithdrawnOn.ShouldBe(DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime));
        ended.RetainUntil.ShouldNotBeNull().ShouldBeGreaterThan(factory.Clock.GetUtcNow().UtcDateTime.AddDays(1800));
    }

    [Fact]
    public async Task HealthNotes_AreForCliniciansOnly_NotCareWorkers_NorAnotherTerritory()
    {
        var planId = await factory.OpenPlanAsync(await factory.ReferAsync("59", "Karim", "Sante"));
        using var clinician = await factory.SignInAsync(Roles.Clinician, "59");
        var url = $"/care/plans/{planId}/health-notes";
        var planPage = await clinician.GetAsync($"/care/plans/{planId}");
        planPage.Html.ShouldContain(url);
        var form = await clinician.GetAsync(url);
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        form.Html.ShouldContain(Fr("care-plan.health.empty"));
        var token = WebSession.AntiForgeryToken(form);
        (await clinician.PostWithTokenAsync(url, token, ("Text", " "))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await clinician.PostWithTokenAsync(url, token, ("Text", new string('h', HealthNote.MaxTextLength + 1)))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var added = await clinician.PostWithTokenAsync(url, token, ("Text", "NOTE-SANTE-SECRETE anxiété"));
        added.Redirects.ShouldBeTrue(added.ToString());
        (await clinician.GetAsync(url)).Html.ShouldContain("NOTE-SANTE-SECRETE");

        using var care = await factory.SignInAsync(Roles.Care, "59");
        var asCare = await care.GetAsync(url);
        asCare.Status.ShouldNotBe(HttpStatusCode.OK);
        asCare.Html.ShouldNotContain("NOTE-SANTE-SECRETE");
        asCare.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        var carePlanPage = await care.GetAsync($"/care/plans/{planId}");
        carePlanPage.Html.ShouldNotContain(url);
        carePlanPage.Html.ShouldNotContain("NOTE-SANTE-SECRETE");
        var carePost = await care.PostWithTokenAsync(url, WebSession.AntiForgeryToken(carePlanPage), ("Text", "écrit par un travailleur social"));
        carePost.Status.ShouldNotBe(HttpStatusCode.OK);
        carePost.Redirects.ShouldBeTrue();
        carePost.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);

        using var clinician62 = await factory.SignInAsync(Roles.Clinician, "62");
        (await clinician62.GetAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.HealthNotes.IgnoreQueryFilters().CountAsync(n => n.PlanId == planId))).ShouldBe(1);
        (await factory.AuditAsync("care.health-notes.read", planId)).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(Roles.Care, "62")]
    [InlineData(Roles.Clinician, "62")]
    [InlineData(Roles.Programme, "59")]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.GedChair, "59")]
    [InlineData(Roles.Hotline, "national")]
    [InlineData(Roles.Analyst, "national")]
    [InlineData(Roles.Admin, "national")]
    public async Task CarePages_GiveNothing_ToAnotherTerritoryOrAnotherRole(string role, string territories)
    {
        var referred = await factory.ReferAsync("59", "Lina", "Cloisonnee");
        var waiting = await factory.ReferAsync("59", "Malo", "Attente");
        var planId = await factory.OpenPlanAsync(referred);
        using var session = await factory.SignInAsync(role, territories);

        foreach (var url in new[] { "/care", $"/care/plans/{planId}", $"/care/referrals/{waiting.ReferralId}", $"/care/referrals/{referred.ReferralId}", $"/care/plans/{planId}/health-notes" })
        {
            var response = await session.GetAsync(url);
            response.Html.ShouldNotContain("CLOISONNEE", Case.Insensitive);
            response.Html.ShouldNotContain("Attente", Case.Sensitive);
            response.Html.ShouldNotContain("Orientation vers la CPRAF : rupture familiale");
            if (url != "/care")
            {
                response.Status.ShouldNotBe(HttpStatusCode.OK, url);
            }
        }

        var home = await session.GetAsync("/");
        var form = home.Status == HttpStatusCode.OK ? WebSession.AntiForgeryToken(home) : null;
        var forged = await session.PostWithTokenAsync($"/care/referrals/{waiting.ReferralId}?handler=Consent", form, ("ConsentRecorded", "true"), ("GivenBy", "person"), ("GivenOn", Today(factory)), ("Version", "0"));
        forged.Status.ShouldNotBe(HttpStatusCode.OK);
        (await PlansOfAsync(waiting.ReferralId)).ShouldBe(0);
    }

    [Fact]
    public async Task CareWorker_GetsNothingFromTheRegister_TheCasePage_OrTheProgramme()
    {
        var referred = await factory.ReferAsync("59", "Nora", "Registre");
        using var care = await factory.SignInAsync(Roles.Care, "59");

        foreach (var url in new[] { "/register", $"/cases/{referred.CaseId}", "/programme", $"/persons/{referred.PersonId}" })
        {
            var response = await care.GetAsync(url);
            response.Status.ShouldNotBe(HttpStatusCode.OK, url);
            response.Html.ShouldNotContain("REGISTRE", Case.Insensitive);
        }

        using var api = factory.ClientWithToken((await factory.PageUserAsync(Roles.Care, "59")).Token);
        (await api.GetAsync(new Uri($"/api/v1/cases/{referred.CaseId}/flags", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
