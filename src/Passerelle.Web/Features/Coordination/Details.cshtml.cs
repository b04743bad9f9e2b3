using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Coordination;

/// <summary>
/// One coordination request. The receiving panel sees which persons of its register matched and
/// answers; the sending panel sees its own description and the answer, never the matched persons.
/// </summary>
[Authorize(Policy = Permissions.RegisterRead)]
internal sealed class DetailsModel(CoordinationRequests requests) : PageModel
{
    public CoordinationRequests.Detail? Item { get; private set; }

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Item = await requests.GetAsync(id, ct);
        return Item is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await requests.AnswerAsync(id, Answer, Version, ct);
        switch (result.Outcome)
        {
            case CoordinationRequests.Outcome.Answered:
                TempData["Message"] = Texts.Get("coordination.answered");
                return LocalRedirect("/coordination");
            case CoordinationRequests.Outcome.NotFound:
                return NotFound();
            case CoordinationRequests.Outcome.Conflict:
                ModelState.AddModelError(string.Empty, Texts.Get("error.conflict"));
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                foreach (var e in result.Errors ?? [])
                {
                    ModelState.AddModelError(nameof(Answer), Texts.Format(e.MessageKey, e.Args));
                }

                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
        }

        Item = await requests.GetAsync(id, ct);
        return Item is null ? NotFound() : Page();
    }
}
