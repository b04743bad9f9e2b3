using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Pages;

/// <summary>A case of the register as the panel leaves it, for the reviews, campaigns and digest tests.</summary>
internal sealed record SeededCase(Guid CaseId, Guid PersonId, string Territory, string GivenName, string Surname);

/// <summary>Builds cases through the app's own services: a report taken in charge by a panel, then decisions applied with a chosen 'now'.</summary>
internal static class PanelSeed
{
    /// <summary>A new case (status Reported) of a new person in <paramref name="territory"/>.</summary>
    public static Task<SeededCase> ReportedCaseAsync(this PasserelleFactory factory, string territory, string given, string surname) =>
        factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, given, surname, null, new PartialDate(2001, 4, 12), null, Sex.Female, null,
                    ["family-rupture"], "Signalement de test.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return new SeededCase(recorded!.CaseId, recorded.PersonId, territory, given, surname);
        });

    /// <summary>A followed case whose next review is <paramref name="nextReview"/> (a "keep followed" decision taken three months before it).</summary>
    public static async Task<SeededCase> FollowedCaseAsync(this PasserelleFactory factory, string territory, string given, string surname, DateOnly nextReview)
    {
        var seeded = await factory.ReportedCaseAsync(territory, given, surname);
        var decidedAt = nextReview.AddMonths(-3).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        await factory.DecideAsync(seeded.CaseId, DecisionType.KeepFollowed, nextReview, decidedAt);
        return seeded;
    }

    /// <summary>Proposes, approves when needed, and applies a decision at <paramref name="now"/>, as the decisions page does.</summary>
    public static Task DecideAsync(this PasserelleFactory factory, Guid caseId, DecisionType type, DateOnly? nextReview, DateTime now, string? transferTo = null) =>
        factory.WithDbAsync(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
            var (decision, error) = PanelDecision.Propose(
                @case, type, "Décision de test.", nextReview, type == DecisionType.KeepFollowed ? "police" : null,
                type == DecisionType.Close ? ClosureReason.NotConfirmed : null, null, transferTo, @case.TerritoryCode, null, null, "test-member", now);
            error.ShouldBeNull();
            if (decision!.NeedsApproval)
            {
                decision.Approve("test-chair", null, now).ShouldBeNull();
            }

            var before = @case.Events.Count;
            @case.ApplyDecision(decision, "test-member", now).ShouldBeNull();
            db.PanelDecisions.Add(decision);
            db.CaseEvents.AddRange(@case.Events.Skip(before));
            await db.SaveChangesAsync();
        });

    public static Task<Passerelle.Domain.Case> CaseAsync(this PasserelleFactory factory, Guid id) =>
        factory.WithDbAsync(db => db.Cases.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == id));

    public static Task<int> AuditCountAsync(this PasserelleFactory factory, string action, object objectId) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.ObjectId == objectId.ToString()));

    public static DateOnly Today(this PasserelleFactory factory) => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A unique surname (letters only, as the report form requires).</summary>
    public static string Surname(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N").Take(8).Select(c => (char)('a' + (c % 26))));

    internal static PasserelleDb Db(IServiceProvider services) => services.GetRequiredService<PasserelleDb>();
}
