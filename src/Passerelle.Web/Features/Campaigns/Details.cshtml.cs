using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Panel.Campaigns;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Campaigns;

/// <summary>
/// A national campaign as the analyst follows it: progress overall and per département, counts only
/// (<see cref="CampaignProgress"/>); never a case, an id of a case or a person.
/// </summary>
[Authorize(Policy = Permissions.CampaignsNational)]
internal sealed class DetailsModel(PasserelleDb db, CampaignProgress progress, StartCampaign start, AuditLog audit) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    public ReviewCampaign? Campaign { get; private set; }

    public IReadOnlyList<CampaignProgress.TerritoryProgress> ByTerritory { get; private set; } = [];

    public CampaignProgress.TerritoryProgress Overall { get; private set; } = new(string.Empty, 0, 0);

    public bool Stale { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCloseAsync(int version, CancellationToken ct)
    {
        var closed = await start.CloseAsync(Id, version, ct);
        if (closed is null)
        {
            return NotFound();
        }

        if (closed == true)
        {
            Message = Texts.Get("campaign.closed-done");
            return LocalRedirect($"/campaigns/{Id}");
        }

        Stale = true;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Campaign = await db.ReviewCampaigns.AsNoTracking().FirstOrDefaultAsync(k => k.Id == Id && k.TerritoryCode == null, ct);
        var counts = Campaign is null ? null : await progress.ByTerritoryAsync(Id, ct);
        if (Campaign is null || counts is null)
        {
            await audit.RecordAsync("campaign.viewed", nameof(ReviewCampaign), Id, AuditLog.NotFound, ct: ct);
            return false;
        }

        ByTerritory = counts;
        Overall = new(string.Empty, counts.Sum(c => c.InScope), counts.Sum(c => c.Reviewed));
        await audit.RecordAsync("campaign.viewed", nameof(ReviewCampaign), Id, reason: $"counts, {counts.Count} département(s)", ct: ct);
        return true;
    }
}
