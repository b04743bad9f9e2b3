using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Panel.Decisions;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Care;

internal sealed record Referred(Guid CaseId, Guid PersonId, Guid ReferralId, string Territory, string Given, string Surname);

/// <summary>Care test data through the app's own path: a report, then the panel's "refer to the CPRAF" decision applied with its compartment referral.</summary>
internal static class CareSeed
{
    public static async Task<Referred> ReferAsync(this PasserelleFactory factory, string territory, string given, string surname, bool minor = false)
    {
        var birth = minor ? new PartialDate(factory.Clock.GetUtcNow().Year - 14, 3, 2) : new PartialDate(1999, 3, 2);
        var (caseId, personId) = await factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, given, surname, null, birth, null, Sex.Female, null,
                    ["family-rupture"], "Signalement de test.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return (recorded!.CaseId, recorded.PersonId);
        });
        var referralId = await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var @case = await db.Cases.Include(c => c.Person).SingleAsync(c => c.Id == caseId);
            var (decision, error) = PanelDecision.Propose(@case, DecisionType.ReferCare, "Orientation vers la CPRAF : rupture familiale, la famille demande de l'aide.",
                PanelDecision.DefaultNextReview(DecisionType.ReferCare, DateOnly.FromDateTime(now)), null, null, null, null, territory, null, null, "test-member", now);
            error.ShouldBeNull();
            var before = @case.Events.Count;
            @case.ApplyDecision(decision!, "test-member", now).ShouldBeNull();
            db.PanelDecisions.Add(decision!);
            db.CaseEvents.AddRange(@case.Events.Skip(before));
            CompartmentReferrals.OnDecisionApplied(db, @case, decision!, "test-member", now);
            await db.SaveChangesAsync();
            return await db.CareReferrals.Where(r => r.CaseId == caseId).Select(r => r.Id).SingleAsync();
        });
        return new Referred(caseId, personId, referralId, territory, given, surname);
    }

    /// <summary>A plan opened on the referral with the person's (or guardians') consent, as the consent page does.</summary>
    public static Task<Guid> OpenPlanAsync(this PasserelleFactory factory, Referred referred) =>
        factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var referral = await db.CareReferrals.SingleAsync(r => r.Id == referred.ReferralId);
            var (plan, error) = CarePlan.Open(referral, true, referral.Minor ? ConsentGivenBy.Guardians : ConsentGivenBy.Person, referral.Minor ? "Mme Tuteur" : null,
                DateOnly.FromDateTime(now), "test-care", now);
            error.ShouldBeNull();
            db.CarePlans.Add(plan!);
            await db.SaveChangesAsync();
            return plan!.Id;
        });

    public static Task<int> PlanVersionAsync(this PasserelleFactory factory, Guid planId) =>
        factory.WithDbAsync(db => db.CarePlans.IgnoreQueryFilters().Where(p => p.Id == planId).Select(p => p.Version).SingleAsync());

    public static Task<CarePlan> PlanAsync(this PasserelleFactory factory, Guid planId) =>
        factory.WithDbAsync(db => db.CarePlans.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == planId));

    public static Task<int> AuditAsync(this PasserelleFactory factory, string action, Guid objectId, string outcome = "success") =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.ObjectId == objectId.ToString() && e.Outcome == outcome));

    internal static PasserelleDb Db(IServiceProvider services) => services.GetRequiredService<PasserelleDb>();
}
