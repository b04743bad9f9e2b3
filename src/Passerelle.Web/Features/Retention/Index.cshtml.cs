using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Retention;

/// <summary>
/// The data-protection officer's view of retention (red line 5): the rules and their periods, what has
/// passed its deadline and waits for the next run, the next deadlines, and every past run (the purge
/// reports). Counts and ids only, never content. The officer may start a run now.
/// </summary>
[Authorize(Policy = Permissions.RetentionRead)]
internal sealed class IndexModel(PasserelleDb db, RetentionRules rules, RetentionJob job, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    public sealed record RuleRow(string Rule, TimeSpan Period, int Due, DateTime? NextDeadline);

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];

    public IReadOnlyList<RetentionRun> Runs { get; private set; } = [];

    public int TotalRuns { get; private set; }

    public int PageCount => Math.Max(1, (TotalRuns + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var now = clock.GetUtcNow().UtcDateTime;

        // Deadlines only: the query filters are off because the officer sees no content, just counts and dates.
        var reports = db.Reports.IgnoreQueryFilters().Where(r => r.Status == ReportStatus.NotPursued && r.RetainUntil != null);
        var referrals = db.SectarianReferrals.IgnoreQueryFilters().Where(r => r.RetainUntil != null);
        var closedCases = db.Cases.IgnoreQueryFilters().Where(c => (c.Status == CaseStatus.Closed || c.Status == CaseStatus.Archived) && c.RetainUntil != null);
        var carePlans = db.CarePlans.IgnoreQueryFilters().Where(p => p.Status != CarePlanStatus.Active && p.RetainUntil != null);
        var declined = db.CareReferrals.IgnoreQueryFilters().Where(r => r.Status == CareReferralStatus.Declined && r.SettledAt != null);
        var declinedBefore = now - rules.DeclinedCareReferral;
        var participants = db.ProgrammeParticipants.IgnoreQueryFilters().Where(p => p.RetainUntil != null);
        var sentBefore = now - rules.SentMessage;
        var keysBefore = now - rules.IdempotencyKey;
        Rules =
        [
            new(RetentionJob.NotPursuedReports, rules.NotPursuedReport, await reports.CountAsync(r => r.RetainUntil <= now, ct), await reports.Where(r => r.RetainUntil > now).MinAsync(r => r.RetainUntil, ct)),
            new(RetentionJob.SectarianReferrals, rules.SectarianReferral, await referrals.CountAsync(r => r.RetainUntil <= now, ct), await referrals.Where(r => r.RetainUntil > now).MinAsync(r => r.RetainUntil, ct)),
            new(RetentionJob.ClosedCases, rules.ClosedCase, await closedCases.CountAsync(c => c.RetainUntil <= now, ct), await closedCases.Where(c => c.RetainUntil > now).MinAsync(c => c.RetainUntil, ct)),
            new(RetentionJob.EndedCarePlans, rules.EndedCarePlan, await carePlans.CountAsync(p => p.RetainUntil <= now, ct), await carePlans.Where(p => p.RetainUntil > now).MinAsync(p => p.RetainUntil, ct)),
            new(RetentionJob.DeclinedCareReferrals, rules.DeclinedCareReferral, await declined.CountAsync(r => r.SettledAt <= declinedBefore, ct), await declined.Where(r => r.SettledAt > declinedBefore).MinAsync(r => r.SettledAt, ct) + rules.DeclinedCareReferral),
            new(RetentionJob.EndedParticipants, rules.EndedParticipant, await participants.CountAsync(p => p.RetainUntil <= now, ct), await participants.Where(p => p.RetainUntil > now).MinAsync(p => p.RetainUntil, ct)),
            new(RetentionJob.SentMessages, rules.SentMessage, await db.OutboxMessages.CountAsync(m => m.SentAt != null && m.SentAt <= sentBefore, ct), null),
            new(RetentionJob.IdempotencyKeys, rules.IdempotencyKey, await db.IdempotencyRecords.CountAsync(r => r.CreatedAt <= keysBefore && r.StatusCode != IdempotencyRecord.InFlight, ct), null),
        ];
        TotalRuns = await db.RetentionRuns.CountAsync(ct);
        Runs = await db.RetentionRuns.AsNoTracking()
            .OrderByDescending(r => r.RanAt).ThenBy(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        await audit.RecordAsync("retention.viewed", nameof(RetentionRun), null, ct: ct);
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        var results = await job.RunAsync(AccessScope.From(User).UserId ?? "dpo", ct);
        Message = Texts.Format("retention.ran", results.Sum(r => r.Deleted));
        return RedirectToPage();
    }

    public string PageLink(int page) => Url.Page("Index", new { p = page }) ?? "/retention";

    public static string Days(TimeSpan period) => ((int)Math.Round(period.TotalDays)).ToString(System.Globalization.CultureInfo.CurrentCulture);
}
