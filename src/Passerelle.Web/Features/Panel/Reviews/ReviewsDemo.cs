using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;

namespace Passerelle.Web.Features.Panel.Reviews;

/// <summary>
/// Demo data of the reviews (fictional persons): two followed cases of the Nord whose review is overdue
/// (their "keep followed" decisions taken months ago), and one open national review campaign covering every
/// followed case, so the panel's home, the reviews list and the campaign pages are not empty on a fresh demo.
/// Runs after the demo users and cases exist (the scope is the system).
/// </summary>
internal static class ReviewsDemo
{
    private static readonly (string Given, string Surname, string Dob, int OverdueDays, string Narrative)[] Overdue =
    [
        ("Rayan", "Bernard", "2004-09-02", 12, "Propos menaçants sur les réseaux sociaux, signalés par un éducateur. (démo)"),
        ("Léa", "Fontaine", "2006-12-15", 3, "Rupture familiale et fréquentations inquiétantes, signalées par la mère. (démo)"),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var record = services.GetRequiredService<RecordReport>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        foreach (var p in Overdue)
        {
            var (recorded, error) = await record.ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", "Démo Signalant", "01 23 45 67 89", p.Given, p.Surname, null, PartialDate.TryParse(p.Dob, today, out var dob) ? dob : null,
                    "Lille", Sex.Unknown, null, ["threats"], p.Narrative, Urgency.Routine, null),
                CancellationToken.None);
            if (recorded?.AttachedCaseId is not { } caseId)
            {
                throw new InvalidOperationException("Invalid demo report: " + error?.MessageKey);
            }

            // The decision was taken three months before the review it set, which is now past.
            var due = today.AddDays(-p.OverdueDays);
            var decidedAt = due.AddMonths(-3).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
            var (decision, refused) = PanelDecision.Propose(@case, DecisionType.KeepFollowed, "Suivi maintenu par le GED (démo).", due, "police",
                null, null, null, "59", null, null, "demo-seed", decidedAt);
            if (decision is null || @case.ApplyDecision(decision, "demo-seed", decidedAt) is not null)
            {
                throw new InvalidOperationException("Invalid demo decision: " + refused?.Code);
            }

            db.PanelDecisions.Add(decision);
            db.CaseEvents.AddRange(@case.Events.Where(e => e.DecisionId == decision.Id));
            await db.SaveChangesAsync();
        }

        var analyst = await db.Users.Where(u => u.Email == "analyst@demo.passerelle.fr").Select(u => u.Id).FirstOrDefaultAsync() ?? "demo-seed";
        var campaign = new ReviewCampaign
        {
            Title = "Réexamen national des situations suivies (démo)",
            Instructions = "Après les événements récents, chaque GED réexamine chacune des situations qu'il suit et confirme ou adapte le suivi. (démo)",
            ScopeStatuses = nameof(CaseStatus.Followed),
            Deadline = today.AddDays(10),
            CreatedAt = now,
            CreatedById = analyst,
        };
        db.ReviewCampaigns.Add(campaign);
        var cases = await db.Cases.IgnoreQueryFilters().Where(c => c.Status == CaseStatus.Followed).Select(c => new { c.Id, c.TerritoryCode }).ToListAsync();
        db.CampaignCases.AddRange(cases.Select(c => new CampaignCase { CampaignId = campaign.Id, CaseId = c.Id, TerritoryCode = c.TerritoryCode }));
        await db.SaveChangesAsync();
    }
}
