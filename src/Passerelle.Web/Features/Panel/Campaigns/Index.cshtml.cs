using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Campaigns;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Campaigns;

/// <summary>The review campaigns a panel follows: national ones and its own département's, open first, with its progress.</summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class IndexModel(PasserelleDb db, AuditLog audit) : PageModel
{
    public sealed record Row(ReviewCampaign Campaign, CampaignProgress.TerritoryProgress Progress);

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanCreate => AccessScope.From(User).Can(Permissions.PanelChair);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await PanelCampaigns.ListAsync(db, openOnly: false, ct);
        await audit.RecordAsync("campaign.listed", nameof(ReviewCampaign), null, reason: $"{Rows.Count} campaign(s)", ct: ct);
    }
}

/// <summary>The campaigns visible to a panel (query filter: national ones and its own), with its own progress (campaign cases: its own only).</summary>
internal static class PanelCampaigns
{
    public static async Task<IReadOnlyList<IndexModel.Row>> ListAsync(PasserelleDb db, bool openOnly, CancellationToken ct)
    {
        var campaigns = await db.ReviewCampaigns.AsNoTracking()
            .Where(k => !openOnly || k.ClosedAt == null)
            .OrderBy(k => k.ClosedAt != null).ThenBy(k => k.Deadline).ThenByDescending(k => k.CreatedAt)
            .Take(200)
            .ToListAsync(ct);
        var ids = campaigns.Select(k => k.Id).ToArray();
        var counts = await db.CampaignCases.AsNoTracking()
            .Where(x => ids.Contains(x.CampaignId))
            .GroupBy(x => x.CampaignId)
            .Select(g => new { g.Key, InScope = g.Count(), Reviewed = g.Count(x => x.ReviewedAt != null) })
            .ToListAsync(ct);
        return [.. campaigns.Select(k =>
        {
            var c = counts.FirstOrDefault(x => x.Key == k.Id);
            return new IndexModel.Row(k, new CampaignProgress.TerritoryProgress(k.TerritoryCode ?? string.Empty, c?.InScope ?? 0, c?.Reviewed ?? 0));
        })];
    }
}
