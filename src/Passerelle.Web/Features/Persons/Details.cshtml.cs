using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Features.Cases;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Persons;

/// <summary>
/// A person's file and their case(s) with a dated timeline; a panel member moves a case through its lifecycle here.
/// A person merged into another shows where to go instead; a survivor lists the merges it took part in.
/// </summary>
[Authorize(Policy = Permissions.RegisterRead)]
internal sealed class DetailsModel(PersonFile file, TransitionCase transition) : PageModel
{
    public PersonFile.View? Person { get; private set; }

    [BindProperty]
    public TransitionInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public string? Conflict { get; private set; }

    /// <summary>A merged person's file is a pointer to the survivor: no action is offered on it.</summary>
    public bool CanWrite => AccessScope.From(User).Can(Permissions.RegisterWrite) && Person?.MergedIntoId is null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Person = await file.LoadAsync(id, ct);
        return Person is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostTransitionAsync(Guid id, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        CaseStatus to = default;
        if (string.IsNullOrEmpty(Input.To) || !Enum.TryParse(Input.To, out to) || !Enum.IsDefined(to))
        {
            ModelState.AddModelError("Input.To", Texts.Get("error.unknown-value"));
        }

        if (ModelState.IsValid)
        {
            var result = await transition.ExecuteAsync(Input.CaseId, to, Input.Reason, Input.Version, ct);
            switch (result.Outcome)
            {
                case TransitionCase.Outcome.Done:
                    Message = Texts.Get("case.transition-done");
                    return RedirectToPage(new { id });
                case TransitionCase.Outcome.NotFound:
                    return NotFound();
                case TransitionCase.Outcome.Conflict:
                    Conflict = Texts.Get("case.conflict");
                    ModelState.Clear();
                    break;
                default:
                    ModelState.AddModelError(result.Error is ReasonRequired or ReasonTooLong ? "Input.Reason" : "Input.To", Texts.Get("error." + result.Error!.Code));
                    break;
            }
        }

        Person = await file.LoadAsync(id, ct);
        if (Person is null)
        {
            return NotFound();
        }

        if (Conflict is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    public sealed class TransitionInput
    {
        public Guid CaseId { get; set; }

        public int Version { get; set; }

        public string? To { get; set; }

        public string? Reason { get; set; }
    }
}
