using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Minors;

/// <summary>
/// <c>/minors</c>: the territory's returning minors' protocols. The panel (<c>minors.write</c>) sees the active ones,
/// overdue and due reviews first, then the ended ones (paginated); clinicians (<c>care.health-notes</c>) see only
/// each protocol's label and territory with a link to its health notes. Anyone else is refused.
/// </summary>
internal sealed class IndexModel(MinorProtocols protocols) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "ended")]
    public int EndedPage { get; set; } = 1;

    public MinorProtocols.Page Active { get; private set; } = new([], 0, 1, 1);

    public MinorProtocols.Page Ended { get; private set; } = new([], 0, 1, 1);

    public bool IsPanel { get; private set; }

    public DateOnly Today => protocols.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = AccessScope.From(User);
        IsPanel = scope.Can(Permissions.MinorsWrite);
        if (!IsPanel && !scope.Can(Permissions.HealthNotes))
        {
            return Forbid();
        }

        var who = IsPanel ? "returning minors" : "returning minors (clinician)";
        Active = await protocols.ActiveAsync(PageNumber, who, ct);
        Ended = await protocols.EndedAsync(EndedPage, who + ", ended", ct);
        return Page();
    }

    public static string Link(int active, int ended) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/minors?page={active}&ended={ended}");
}
