using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Admin.Grids;

/// <summary>The assessment grids by code, each with its editions (draft, published, retired); a form makes a new grid.</summary>
[Authorize(Policy = Permissions.AssessmentGridsManage)]
internal sealed class IndexModel(PasserelleDb db, GridEditing editing) : PageModel
{
    public sealed record Edition(Guid Id, int Number, string NameFr, string NameEn, GridStatus Status, DateTime CreatedAt, DateTime? PublishedAt, int Items);

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? NameFr { get; set; }

    [BindProperty]
    public string? NameEn { get; set; }

    public IReadOnlyList<IGrouping<string, Edition>> Grids { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await editing.CreateAsync(Code, NameFr, NameEn, ct);
        if (result.Outcome == GridEditing.Outcome.Done)
        {
            Message = Texts.Get("grid.created");
            return LocalRedirect($"/admin/grids/{result.Id}");
        }

        foreach (var e in result.Errors ?? [])
        {
            ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var editions = await db.AssessmentGrids.AsNoTracking()
            .Select(g => new { g.Code, Edition = new Edition(g.Id, g.Edition, g.NameFr, g.NameEn, g.Status, g.CreatedAt, g.PublishedAt, g.Items.Count) })
            .ToListAsync(ct);
        Grids = [.. editions.OrderBy(e => e.Code, StringComparer.Ordinal).ThenByDescending(e => e.Edition.Number).GroupBy(e => e.Code, e => e.Edition)];
    }
}
