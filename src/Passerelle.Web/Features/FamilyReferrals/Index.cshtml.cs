using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.FamilyReferrals;

/// <summary>
/// The families the hotline referred, with their consent, to the département's prevention and
/// family-support unit (CPRAF): the unit's care workers see who to call back and record the outcome
/// (contacted, or the family declined). Compartment "care": the query filter shows only the unit's own
/// départements; the report itself stays in the register, out of the unit's sight.
/// </summary>
[Authorize(Policy = Permissions.FamilyReferralsRead)]
internal sealed class IndexModel(PasserelleDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<FamilyReferral> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int OpenCount { get; private set; }

    public string? Error { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public FamilyReferralStatus Status => StatusFilter switch
    {
        "contacted" => FamilyReferralStatus.Contacted,
        "declined" => FamilyReferralStatus.Declined,
        _ => FamilyReferralStatus.Open,
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var status = Status;
        var query = db.FamilyReferrals.AsNoTracking().Where(f => f.Status == status);
        Total = await query.CountAsync(ct);
        OpenCount = await db.FamilyReferrals.CountAsync(f => f.Status == FamilyReferralStatus.Open, ct);
        Rows = await query
            .OrderBy(f => f.ConsentRecordedAt).ThenBy(f => f.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        foreach (var row in Rows)
        {
            audit.Append("family-referral.listed", nameof(FamilyReferral), row.Id, territory: row.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records the outcome of the call-back: "contacted" or "declined"; the version read must be current.</summary>
    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, string? outcome, int version, CancellationToken ct)
    {
        var referral = await db.FamilyReferrals.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (referral is null)
        {
            await audit.RecordAsync("family-referral.outcome", nameof(FamilyReferral), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        FamilyReferralStatus? next = outcome switch
        {
            "contacted" => FamilyReferralStatus.Contacted,
            "declined" => FamilyReferralStatus.Declined,
            _ => null,
        };
        if (next is null)
        {
            Error = Texts.Get("family-referrals.error-outcome");
            await OnGetAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (referral.Version != version || referral.Status != FamilyReferralStatus.Open)
        {
            Error = Texts.Get("family-referrals.error-stale");
            await OnGetAsync(ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        referral.Status = next.Value;
        referral.ContactedAt = clock.GetUtcNow().UtcDateTime;
        referral.ContactedById = AccessScope.From(User).UserId;
        audit.Append("family-referral.outcome", nameof(FamilyReferral), referral.Id, reason: outcome, territory: referral.TerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Error = Texts.Get("family-referrals.error-stale");
            await OnGetAsync(ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Message = Texts.Get("family-referrals.done-" + outcome);
        return RedirectToPage();
    }

    public string PageLink(int page) => Url.Page("Index", new { status = StatusFilter, p = page }) ?? "/family-referrals";
}
