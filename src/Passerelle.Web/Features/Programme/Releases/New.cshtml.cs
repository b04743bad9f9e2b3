using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Programme.Releases;

/// <summary>
/// Records a release due (<c>/programme/releases/new</c>): name, year of birth, date (today to 36 months ahead),
/// establishment, département of release (one the user covers). The same name, year and date again is refused.
/// </summary>
[Authorize(Policy = Permissions.ProgrammeWrite)]
internal sealed class NewModel(ReleaseCalendar calendar) : PageModel
{
    [BindProperty]
    public ReleaseInput Input { get; set; } = new();

    public IReadOnlyList<string> Territories { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public void OnGet()
    {
        Territories = calendar.Territories();
        Today = calendar.Today;
        if (Territories.Count == 1)
        {
            Input.Territory = Territories[0];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Territories = calendar.Territories();
        Today = calendar.Today;
        ModelState.Clear();
        var errors = new List<FieldError>();
        var valid = await calendar.ValidateNewAsync(Input, errors, ct);
        if (valid is null)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var id = await calendar.CreateAsync(valid, ct);
        TempData["Message"] = Texts.Get("releases.created");
        return LocalRedirect($"/programme/releases/{id}");
    }
}
