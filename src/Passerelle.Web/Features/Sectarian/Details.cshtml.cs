using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Sectarian;

/// <summary>
/// One referral in full, read under audit; while it waits, the answer form (recommendations, associations of
/// the sender's region first, classification by domain) and the closing without answer (reason, classification).
/// </summary>
[Authorize(Policy = Permissions.SectarianManage)]
internal sealed class DetailsModel(SectarianReferrals referrals, PasserelleDb db) : PageModel
{
    /// <summary>Form field of each error a service returns.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["answer"] = "AnswerText",
        ["domain"] = "Domain",
        ["associations"] = "AssociationIds",
        ["reason"] = "Reason",
        ["closeDomain"] = "CloseDomain",
    };

    [TempData]
    public string? Message { get; set; }

    public SectarianReferral? Referral { get; private set; }

    /// <summary>Active associations to choose from, the referral's region first, then national, then other regions.</summary>
    public IReadOnlyList<SupportAssociation> Choices { get; private set; } = [];

    /// <summary>Associations an answered referral recommended.</summary>
    public IReadOnlyList<SupportAssociation> Recommended { get; private set; } = [];

    public string? AnsweredBy { get; private set; }

    public string? Conflict { get; private set; }

    [BindProperty]
    public string? AnswerText { get; set; }

    [BindProperty]
    public string? Domain { get; set; }

    [BindProperty]
    public List<string> AssociationIds { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? CloseDomain { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct)
    {
        var result = ModelState.ErrorFor(nameof(Version)) is not null
            ? new SectarianReferrals.Result(SectarianReferrals.Outcome.Conflict, [])
            : await referrals.AnswerAsync(id, new SectarianReferrals.Answer(AnswerText, Domain, AssociationIds, Version), ct);
        if (result.Outcome == SectarianReferrals.Outcome.Done)
        {
            var referral = await db.SectarianReferrals.AsNoTracking().FirstAsync(r => r.Id == id, ct);
            Message = result.Delivery switch
            {
                SectarianReferrals.Delivery.Email => Texts.Get("sectarian.answer.saved-email"),
                SectarianReferrals.Delivery.Phone => Texts.Format("sectarian.answer.saved-phone", referral.ContactPhone!),
                _ => Texts.Get("sectarian.answer.saved-no-contact"),
            };
            return LocalRedirect($"/miviludes/{id}");
        }

        return await FailedAsync(id, result, ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        var result = ModelState.ErrorFor(nameof(Version)) is not null
            ? new SectarianReferrals.Result(SectarianReferrals.Outcome.Conflict, [])
            : await referrals.CloseAsync(id, Reason, CloseDomain, Version, ct);
        if (result.Outcome == SectarianReferrals.Outcome.Done)
        {
            Message = Texts.Get("sectarian.close.saved");
            return LocalRedirect("/miviludes");
        }

        return await FailedAsync(id, result, ct);
    }

    public bool Chosen(Guid associationId) => AssociationIds.Contains(associationId.ToString(), StringComparer.OrdinalIgnoreCase);

    private async Task<IActionResult> FailedAsync(Guid id, SectarianReferrals.Result result, CancellationToken ct)
    {
        ModelState.Clear();
        int status;
        switch (result.Outcome)
        {
            case SectarianReferrals.Outcome.NotFound:
                return NotFound();
            case SectarianReferrals.Outcome.Conflict:
                Conflict = Texts.Get("sectarian.error.changed");
                status = StatusCodes.Status409Conflict;
                break;
            default:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(Fields[error.Field], Texts.Format(error.MessageKey, error.Args));
                }

                status = StatusCodes.Status422UnprocessableEntity;
                break;
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Referral = await referrals.ReadAsync(id, ct);
        if (Referral is null)
        {
            return false;
        }

        if (Referral.Status == SectarianReferralStatus.Received)
        {
            Choices = await referrals.AssociationsForAsync(Referral.Region, ct);
        }
        else
        {
            Recommended = await referrals.RecommendedAsync(Referral, ct);
            AnsweredBy = Referral.AnsweredById is { } by
                ? await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
                : null;
        }

        return true;
    }
}
