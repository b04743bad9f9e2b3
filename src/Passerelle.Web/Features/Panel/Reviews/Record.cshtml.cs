using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Reviews;

/// <summary>
/// Records the review of one case (a routine review or a campaign's required review): the rationale and the
/// next review date. Reading the case here (the person's name) is audited; recording needs <c>panel.work</c>.
/// </summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class RecordModel(PasserelleDb db, DueReviews reviews, AuditLog audit) : PageModel
{
    public sealed class InputModel
    {
        public string? Rationale { get; set; }

        public string? NextReviewOn { get; set; }

        public int Version { get; set; }
    }

    public sealed record CaseSummary(Guid Id, Guid PersonId, string TerritoryCode, string GivenName, string Surname, CaseStatus Status, DateOnly? NextReviewOn, bool InTransfer, int Version);

    [BindProperty(SupportsGet = true, Name = "caseId")]
    public Guid CaseId { get; set; }

    /// <summary>The campaign this review answers, when it comes from a campaign's page.</summary>
    [BindProperty(SupportsGet = true, Name = "campaign")]
    public Guid? CampaignId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public CaseSummary? Case { get; private set; }

    public string? CampaignTitle { get; private set; }

    public bool CanWork => AccessScope.From(User).Can(Permissions.PanelWork);

    public bool Stale { get; private set; }

    public DateOnly Today => reviews.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.Version = Case!.Version;
        Input.NextReviewOn ??= Today.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (outcome, errors) = await reviews.RecordAsync(CaseId, Input.Version, Input.Rationale, Input.NextReviewOn, CampaignId, ct);
        switch (outcome)
        {
            case DueReviews.Outcome.Recorded:
                TempData["Message"] = Texts.Get("review.recorded");
                return CampaignId is { } campaign && await db.ReviewCampaigns.AnyAsync(k => k.Id == campaign, ct)
                    ? LocalRedirect($"/panel/campaigns/{campaign}")
                    : LocalRedirect("/panel/reviews");
            case DueReviews.Outcome.Forbidden:
                return Forbid();
            case DueReviews.Outcome.NotFound:
                return NotFound();
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (outcome == DueReviews.Outcome.Conflict)
        {
            Stale = true;
            Input.Version = Case!.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, DueReviews.Message(error));
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Case = await db.Cases.AsNoTracking().Where(c => c.Id == CaseId)
            .Select(c => new CaseSummary(c.Id, c.PersonId, c.TerritoryCode, c.Person!.GivenName, c.Person.Surname, c.Status, c.NextReviewOn, c.TransferTo != null, c.Version))
            .FirstOrDefaultAsync(ct);
        if (Case is null)
        {
            await audit.RecordAsync("case.review-form", nameof(Domain.Case), CaseId, AuditLog.NotFound, ct: ct);
            return false;
        }

        if (CampaignId is { } id)
        {
            CampaignTitle = await db.ReviewCampaigns.AsNoTracking().Where(k => k.Id == id).Select(k => k.Title).FirstOrDefaultAsync(ct);
            CampaignId = CampaignTitle is null ? null : id;
        }

        audit.Append("person.listed", nameof(Person), Case.PersonId, reason: "review form", territory: Case.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
