using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Campaigns;

/// <summary>The national review campaigns (the national analyst): each with its overall progress, counts only.</summary>
[Authorize(Policy = Permissions.CampaignsNational)]
internal sealed class IndexModel(PasserelleDb db, CampaignProgress progress, AuditLog audit) : PageModel
{
    public sealed record Row(ReviewCampaign Campaign, CampaignProgress.TerritoryProgress Overall);

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var campaigns = await db.ReviewCampaigns.AsNoTracking().Where(k => k.TerritoryCode == null)
            .OrderBy(k => k.ClosedAt != null).ThenByDescending(k => k.CreatedAt).Take(200).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var k in campaigns)
        {
            var counts = await progress.ByTerritoryAsync(k.Id, ct) ?? [];
            rows.Add(new Row(k, new CampaignProgress.TerritoryProgress(string.Empty, counts.Sum(c => c.InScope), counts.Sum(c => c.Reviewed))));
        }

        Rows = rows;
        await audit.RecordAsync("campaign.listed", nameof(ReviewCampaign), null, reason: $"national, {Rows.Count} campaign(s)", ct: ct);
    }
}
