using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Admin;

/// <summary>Reference data: the 101 départements, as stored.</summary>
[Authorize(Policy = Permissions.UsersManage)]
internal sealed class TerritoriesModel(PasserelleDb db) : PageModel
{
    public IReadOnlyList<Territory> Territories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Territories = await db.Territories.AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct);
}
