using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Reports;

/// <summary>
/// One report as received. No permission named here on purpose: the Reports query filter decides
/// (panel of the territory, or the hotline operator who recorded it, for 30 days); anyone else gets 404.
/// </summary>
internal sealed class DetailsModel(PasserelleDb db, AuditLog audit) : PageModel
{
    public Report? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (Report is null)
        {
            await audit.RecordAsync("report.read", nameof(Domain.Report), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        await audit.RecordAsync("report.read", nameof(Domain.Report), id, territory: Report.TerritoryCode, ct: ct);
        return Page();
    }
}
