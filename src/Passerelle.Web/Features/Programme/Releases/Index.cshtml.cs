using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Programme.Releases;

/// <summary>
/// The release calendar (<c>/programme/releases</c>): the next 24 months of expected releases of the user's
/// départements, alerts first (6- and 3-month alerts raised and still without a takeover), past-due releases
/// flagged, grouped by month, 25 a page; filters by département and "without takeover".
/// </summary>
[Authorize(Policy = Permissions.ProgrammeRead)]
internal sealed class IndexModel(ReleaseCalendar calendar) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "dep")]
    public string? Territory { get; set; }

    [BindProperty(SupportsGet = true, Name = "sans")]
    public bool WithoutTakeover { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ReleaseCalendar.Calendar Result { get; private set; } = new([], 0, [], 0, default, default);

    public IReadOnlyList<string> Territories { get; private set; } = [];

    public bool Filtered => Territory is not null || WithoutTakeover;

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var key in new[] { "p", "sans" })
        {
            if (ModelState.ErrorFor(key) is not null)
            {
                ModelState.Remove(key);
                ModelState.AddModelError(key, Texts.Get("error.unknown-value"));
            }
        }

        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Territories = calendar.Territories();
        string? territory = null;
        if (!string.IsNullOrEmpty(Territory))
        {
            var code = Territory.Trim().ToUpperInvariant();
            if (Territories.Contains(code, StringComparer.Ordinal))
            {
                territory = code;
            }
            else
            {
                ModelState.AddModelError("dep", Texts.Get("releases.error.territory-not-covered"));
            }
        }

        Territory = territory;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Result = await calendar.ListAsync(new ReleaseCalendar.Filter(territory, WithoutTakeover, PageNumber), "release calendar", ct);
        PageNumber = Math.Min(PageNumber, Result.PageCount);
    }

    public string PageLink(int page) => Url.Page("Index", new { dep = Territory, sans = WithoutTakeover ? "true" : null, p = page }) ?? "/programme/releases";
}
