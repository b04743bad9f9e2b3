using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Members;

/// <summary>
/// The members of the panels of the actor's départements (active first, then by name). Panel members read it;
/// the chair and the administrator (national) manage it. The query filter narrows rows to the actor's scope.
/// </summary>
internal sealed class IndexModel(PasserelleDb db, CurrentActor actor) : PageModel
{
    private const int PageSize = 50;

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PanelMember> Members { get; private set; } = [];

    public bool CanManage { get; private set; }

    public bool ShowTerritory { get; private set; }

    public int PageCount { get; private set; } = 1;

    public static string PageLink(int page) => $"/panel/members?page={page}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = actor.Scope;
        if (!scope.Can(Permissions.PanelRead) && !scope.Can(Permissions.PanelMembersManage))
        {
            return Forbid();
        }

        CanManage = scope.Can(Permissions.PanelMembersManage);
        ShowTerritory = scope.National || scope.Territories.Count > 1;
        var query = db.PanelMembers.AsNoTracking();
        var count = await query.CountAsync(ct);
        PageCount = Math.Max(1, (count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Members = await query.OrderBy(m => m.TerritoryCode).ThenByDescending(m => m.Active).ThenBy(m => m.Name)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }
}
