using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Minors;

/// <summary>
/// <c>/minors/new?caseId=</c>: opens the returning minor's protocol on a case of the panel's territory. The case is read
/// through the filters (another territory's case is not found); a closed case, a case in transfer, an adult at the
/// return date or a second protocol are refused with a message and nothing is stored.
/// </summary>
[Authorize(Policy = Permissions.MinorsWrite)]
internal sealed class NewModel(MinorProtocols protocols) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "caseId")]
    public Guid CaseId { get; set; }

    [BindProperty]
    public ProtocolInput Input { get; set; } = new();

    public MinorProtocols.CaseForOpening? Case { get; private set; }

    public DateOnly Today => protocols.Today;

    /// <summary>Why the protocol cannot be opened on this case at all (the form is not shown).</summary>
    public string? Blocked { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.ReviewIntervalMonths = protocols.DefaultIntervalMonths.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (outcome, errors, id) = await protocols.OpenAsync(CaseId, Input, ct);
        switch (outcome)
        {
            case MinorProtocols.Outcome.Done:
                TempData["Message"] = Localization.Texts.Get("minors.opened");
                return LocalRedirect($"/minors/{id}");
            case MinorProtocols.Outcome.Forbidden:
                return Forbid();
            case MinorProtocols.Outcome.NotFound:
                return NotFound();
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, MinorProtocols.Message(error));
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Case = await protocols.CaseAsync(CaseId, ct);
        if (Case is null)
        {
            return false;
        }

        Blocked = Case.ExistingId is not null ? "minors.error.duplicate"
            : Case.Status is CaseStatus.Closed or CaseStatus.Archived ? "minors.error.case-closed"
            : Case.InTransfer ? "minors.error.case-in-transfer"
            : Case.DateOfBirth is null ? "minors.error.birth-unknown"
            : null;
        return true;
    }
}
