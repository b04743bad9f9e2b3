using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Cases;

/// <summary>
/// The case page: the case's header (person, status, "in transfer", following service, last decision, next
/// review) and its dated timeline, newest first, filtered by category with a plain GET form (works without
/// JavaScript; unknown categories are ignored). Read under audit (<see cref="CaseTimeline"/>).
/// </summary>
[Authorize(Policy = Permissions.RegisterRead)]
internal sealed class CaseModel(CaseTimeline timeline) : PageModel
{
    public CaseTimeline.View? View { get; private set; }

    public IReadOnlySet<CaseTimeline.Category> Kinds { get; private set; } = new HashSet<CaseTimeline.Category>();

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "kinds")] string[]? kinds, CancellationToken ct)
    {
        Kinds = CaseTimeline.ParseKinds(kinds ?? []);
        View = await timeline.LoadAsync(id, Kinds, ct);
        return View is null ? NotFound() : Page();
    }

    public bool Can(string permission) => AccessScope.From(User).Can(permission);
}
