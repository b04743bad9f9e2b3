using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Campaigns;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Campaigns;

/// <summary>
/// A campaign as a panel follows it: its progress in the user's département(s), the cases still to review
/// (each with a link to record the review) and those reviewed. A review recorded through
/// <c>/panel/reviews</c> or a decision in force counts too (<see cref="CampaignReviews"/>). The campaign
/// cases are read through the query filter (the panel's own only); each person shown is audited.
/// </summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class DetailsModel(PasserelleDb db, AuditLog audit, CampaignProgress progress, StartCampaign start) : PageModel
{
    public const int PageSize = 20;

    public sealed record CaseRow(Guid CaseId, Guid PersonId, string TerritoryCode, string GivenName, string Surname, CaseStatus Status, DateTime? ReviewedAt);

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    /// <summary>"reviewed" lists the cases reviewed; anything else those still to review.</summary>
    [BindProperty(SupportsGet = true, Name = "view")]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool ReviewedView => string.Equals(View, "reviewed", StringComparison.Ordinal);

    public ReviewCampaign? Campaign { get; private set; }

    public IReadOnlyList<CampaignProgress.TerritoryProgress> Progress { get; private set; } = [];

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public bool Stale { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool CanWork => AccessScope.From(User).Can(Permissions.PanelWork);

    public bool CanClose
    {
        get
        {
            var scope = AccessScope.From(User);
            return Campaign is { ClosedAt: null, TerritoryCode: { } t } && scope.Can(Permissions.PanelChair) && scope.CoversTerritory(t);
        }
    }

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
            return LocalRedirect($"/panel/campaigns/{Id}");
        }

        Stale = true;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Campaign = await db.ReviewCampaigns.AsNoTracking().FirstOrDefaultAsync(k => k.Id == Id, ct);
        if (Campaign is null)
        {
            await audit.RecordAsync("campaign.viewed", nameof(ReviewCampaign), Id, AuditLog.NotFound, ct: ct);
            return false;
        }

        Progress = await progress.ByTerritoryAsync(Id, ct) ?? [];
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var reviewed = ReviewedView;
        var query = db.CampaignCases.AsNoTracking().Where(x => x.CampaignId == Id && (x.ReviewedAt != null) == reviewed);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, PageCount);
        var ordered = reviewed ? query.OrderByDescending(x => x.ReviewedAt).ThenBy(x => x.CaseId) : query.OrderBy(x => x.TerritoryCode).ThenBy(x => x.CaseId);
        Rows = await ordered
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.Cases, x => x.CaseId, c => c.Id, (x, c) => new CaseRow(c.Id, c.PersonId, x.TerritoryCode, c.Person!.GivenName, c.Person.Surname, c.Status, x.ReviewedAt))
            .ToListAsync(ct);
        foreach (var row in Rows)
        {
            audit.Append("person.listed", nameof(Person), row.PersonId, reason: "campaign " + (reviewed ? "reviewed" : "to review"), territory: row.TerritoryCode);
        }

        audit.Append("campaign.viewed", nameof(ReviewCampaign), Id, reason: $"{Rows.Count} case(s) shown", territory: Campaign.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public string PageLink(int page) => Url.Page("Details", new { id = Id, view = ReviewedView ? "reviewed" : null, p = page }) ?? $"/panel/campaigns/{Id}";
}
