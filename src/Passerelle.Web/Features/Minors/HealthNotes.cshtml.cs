using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Minors;

/// <summary>
/// <c>/minors/{id}/health-notes</c>: the clinicians' notes on a returning minor's health and psychological assessment
/// and follow-up (<c>care.health-notes</c>, own territory). The page shows only the protocol's label; the panel never
/// reaches it (and the notes' query filter would give it nothing).
/// </summary>
[Authorize(Policy = Permissions.HealthNotes)]
internal sealed class HealthNotesModel(MinorProtocols protocols) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(Name = "Note.Text")]
    public string? Text { get; set; }

    public MinorProtocols.Label? Label { get; private set; }

    public IReadOnlyList<MinorProtocols.NoteLine> Notes { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + MinorProtocols.PageSize - 1) / MinorProtocols.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (outcome, errors) = await protocols.AddHealthNoteAsync(Id, Text, ct);
        switch (outcome)
        {
            case MinorProtocols.Outcome.Done:
                TempData["Message"] = Localization.Texts.Get("minors.note-added");
                return LocalRedirect($"/minors/{Id}/health-notes");
            case MinorProtocols.Outcome.Forbidden:
                return Forbid();
            case MinorProtocols.Outcome.NotFound:
                return NotFound();
        }

        PageNumber = 1;
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
        (Label, Notes, Total) = await protocols.HealthNotesAsync(Id, PageNumber, ct);
        return Label is not null;
    }
}
