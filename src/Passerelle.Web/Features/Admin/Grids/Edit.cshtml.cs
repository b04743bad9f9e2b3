using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Admin.Grids;

/// <summary>
/// One edition of a grid: a draft is edited here (names, items, positions) and published; a published edition is shown
/// read-only with "New edition", which copies it as the next draft; a retired one is read-only.
/// </summary>
[Authorize(Policy = Permissions.AssessmentGridsManage)]
internal sealed class EditModel(PasserelleDb db, GridEditing editing) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public GridInput Input { get; set; } = new();

    public AssessmentGrid Grid { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = GridInput.From(Grid);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var versionUnreadable = ModelState.ErrorFor("Input.Version") is not null;
        ModelState.Clear();
        var result = versionUnreadable ? new GridEditing.Result(GridEditing.Outcome.Conflict) : await editing.SaveDraftAsync(id, Input, ct);
        return await AnswerAsync(id, result, "grid.saved", keepInput: true, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct)
    {
        var versionUnreadable = ModelState.ErrorFor("Input.Version") is not null;
        ModelState.Clear();
        var result = versionUnreadable ? new GridEditing.Result(GridEditing.Outcome.Conflict) : await editing.PublishAsync(id, Input.Version, ct);
        return await AnswerAsync(id, result, "grid.published", keepInput: false, ct);
    }

    public async Task<IActionResult> OnPostNewEditionAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await editing.NewEditionAsync(id, ct);
        if (result.Outcome == GridEditing.Outcome.DraftExists)
        {
            Message = Texts.Get("grid.error.draft-exists");
            return LocalRedirect($"/admin/grids/{result.Id}");
        }

        return await AnswerAsync(id, result, "grid.edition-created", keepInput: false, ct);
    }

    private async Task<IActionResult> AnswerAsync(Guid id, GridEditing.Result result, string doneKey, bool keepInput, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case GridEditing.Outcome.Done:
                Message = Texts.Get(doneKey);
                return LocalRedirect($"/admin/grids/{result.Id ?? id}");
            case GridEditing.Outcome.NotFound:
                return NotFound();
            case GridEditing.Outcome.Invalid:
                foreach (var e in result.Errors ?? [])
                {
                    ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
                }

                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            default:
                ModelState.AddModelError(string.Empty, Texts.Get(result.Outcome switch
                {
                    GridEditing.Outcome.Conflict => "grid.error.conflict",
                    GridEditing.Outcome.NotDraft => "grid.error.not-draft",
                    _ => "grid.error.not-published",
                }));
                Response.StatusCode = StatusCodes.Status409Conflict;
                keepInput = false;
                break;
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!keepInput)
        {
            Input = GridInput.From(Grid);
        }
        else
        {
            Input.Version = Grid.Version;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var grid = await db.AssessmentGrids.AsNoTracking().Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null)
        {
            return false;
        }

        Grid = grid;
        return true;
    }
}
