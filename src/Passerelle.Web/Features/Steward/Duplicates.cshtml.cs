using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Steward;

/// <summary>The data steward's list of probable duplicates in their register, best pairs first, 20 per page; each pair leads to the merge page.</summary>
[Authorize(Policy = Permissions.RegisterMerge)]
internal sealed class DuplicatesModel(PasserelleDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public FindDuplicates.Results? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // p=x or a number too large for an int: reported on its field, like the register does.
            ModelState.Clear();
            ModelState.AddModelError("p", Texts.Get("error.unknown-value"));
        }
        else if (PageNumber is < 1 or > 100_000)
        {
            ModelState.AddModelError("p", Texts.Get("error.page-invalid"));
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Results = await new FindDuplicates(db, audit).RunAsync(PageNumber, ct);
        return Page();
    }

    public string PageLink(int page) => Url.Page("Duplicates", new { p = page }) ?? "/steward/duplicates";

    public static string MergeLink(FindDuplicates.Pair pair) => $"/steward/merge?a={pair.A.Id}&b={pair.B.Id}";
}
