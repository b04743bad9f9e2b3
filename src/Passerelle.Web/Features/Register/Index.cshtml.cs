using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Register;

/// <summary>The register of the user's départements: search by name, partial date of birth and status; 20 per page.</summary>
[Authorize(Policy = Permissions.RegisterRead)]
internal sealed class IndexModel(RegisterSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "dob")]
    public string? DateOfBirth { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public CaseStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public RegisterSearch.Results? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A value that does not bind (status=abc, page=x) is reported on its field.
            foreach (var key in ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToList())
            {
                ModelState[key]!.Errors.Clear();
                ModelState.AddModelError(key, Texts.Get("error.unknown-value"));
            }

            return;
        }

        var fields = new Dictionary<string, string> { ["query"] = "q", ["dateOfBirth"] = "dob", ["page"] = "p" };
        foreach (var (field, key) in search.Validate(Query, DateOfBirth, PageNumber, RegisterSearch.DefaultPageSize))
        {
            ModelState.AddModelError(fields[field], Texts.Get(key));
        }

        if (Status is { } s && !Enum.IsDefined(s))
        {
            ModelState.AddModelError("status", Texts.Get("error.unknown-value"));
        }

        if (ModelState.IsValid)
        {
            Results = await search.RunAsync(new RegisterSearch.Criteria(Query, DateOfBirth, Status, PageNumber, RegisterSearch.DefaultPageSize), ct);
        }
    }

    public string PageLink(int page) =>
        Url.Page("Index", new { q = Query, dob = DateOfBirth, status = Status, p = page }) ?? "/register";
}
