using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Reports;

/// <summary>The reports a hotline operator or partner recorded, for 30 days (the query filter enforces the window).</summary>
[Authorize(Policy = Permissions.ReportsReadOwn)]
internal sealed class MineModel(PasserelleDb db, AuditLog audit) : PageModel
{
    private const int PageSize = 20;

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<(Guid Id, string Receipt, DateTime ReceivedAt, string Territory, Urgency Urgency, ReportStatus Status)> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = AccessScope.From(User).UserId;
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var mine = db.Reports.AsNoTracking().Where(r => r.RecordedById == me);
        Total = await mine.CountAsync(ct);
        var rows = await mine
            .OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(r => new { r.Id, r.Receipt, r.ReceivedAt, r.TerritoryCode, r.Urgency, r.Status })
            .ToListAsync(ct);
        Rows = [.. rows.Select(r => (r.Id, r.Receipt, r.ReceivedAt, r.TerritoryCode, r.Urgency, r.Status))];
        await audit.RecordAsync("report.list-own", nameof(Report), null, reason: $"{Rows.Count} of {Total} shown", ct: ct);
    }

    public string PageLink(int page) => Url.Page("Mine", new { p = page }) ?? "/reports/mine";
}
