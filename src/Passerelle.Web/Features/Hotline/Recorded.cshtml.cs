using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Hotline;

/// <summary>
/// After a call is recorded: its receipt and destination and, for an imminent danger, what the operator does
/// now (emergency services, keep the caller on the line; the duty contact alerted or, when none is set, call
/// the prefecture). The report is read through the scoped query (the operator's own reports, 30 days), so an
/// id that is not the operator's own is not found.
/// </summary>
[Authorize(Policy = Permissions.HotlineConsole)]
internal sealed class RecordedModel(PasserelleDb db, AuditLog audit) : PageModel
{
    public string Receipt { get; private set; } = string.Empty;

    public string Territory { get; private set; } = string.Empty;

    public bool RoutedByCaller { get; private set; }

    public bool Imminent { get; private set; }

    public bool DutyContactAlerted { get; private set; }

    public bool FamilyReferred { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var me = AccessScope.From(User).UserId;
        var report = await db.Reports.AsNoTracking()
            .Where(r => r.Id == id && r.RecordedById == me)
            .Select(r => new { r.Receipt, r.TerritoryCode, r.RoutedByCallerTerritory, r.Urgency })
            .FirstOrDefaultAsync(ct);
        if (report is null)
        {
            await audit.RecordAsync("report.read", nameof(Report), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        (Receipt, Territory, RoutedByCaller, Imminent) = (report.Receipt, report.TerritoryCode, report.RoutedByCallerTerritory, report.Urgency == Urgency.Imminent);

        // The alert and the referral belong to the panel's and the care unit's compartments: the operator who
        // recorded the report learns only whether they exist, past the filters, for this one report of theirs.
        if (Imminent)
        {
            var link = $"/reports/{id}";
            DutyContactAlerted = await db.OutboxMessages.AsNoTracking().AnyAsync(m => m.Kind == RecordReport.DutyAlertKind && m.Body.Contains(link), ct);
        }

        FamilyReferred = await db.FamilyReferrals.IgnoreQueryFilters().AsNoTracking().AnyAsync(f => f.ReportId == id && f.RecordedById == me, ct);
        await audit.RecordAsync("report.read", nameof(Report), id, reason: "hotline receipt", territory: report.TerritoryCode, ct: ct);
        return Page();
    }
}
