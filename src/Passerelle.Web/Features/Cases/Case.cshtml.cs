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
internal sealed class CaseModel(CaseTimeline timeline, CaseCompartmentFlags compartmentFlags) : PageModel
{
    public CaseTimeline.View? View { get; private set; }

    /// <summary>The case's care, programme and returning-minor flags (status, dates, panel summaries only).</summary>
    public CaseCompartmentFlags.Flags? Compartments { get; private set; }

    public IReadOnlySet<CaseTimeline.Category> Kinds { get; private set; } = new HashSet<CaseTimeline.Category>();

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "kinds")] string[]? kinds, CancellationToken ct)
    {
        Kinds = CaseTimeline.ParseKinds(kinds ?? []);
        View = await timeline.LoadAsync(id, Kinds, ct);
        if (View is null)
        {
            return NotFound();
        }

        Compartments = await compartmentFlags.LoadAsync(id, ct);
        return Page();
    }

    public bool Can(string permission) => AccessScope.From(User).Can(permission);
}
