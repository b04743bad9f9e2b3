using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Sectarian.Associations;

/// <summary>The reference list of victim-support associations, active and inactive: national ones first, then by region.</summary>
[Authorize(Policy = Permissions.AssociationsManage)]
internal sealed class IndexModel(PasserelleDb db) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<SupportAssociation> Associations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await db.SupportAssociations.AsNoTracking().ToListAsync(ct);
        Associations =
        [
            .. all.OrderByDescending(a => a.Active).ThenBy(a => a.Region is null ? 0 : 1)
                .ThenBy(a => a.Region, StringComparer.CurrentCulture).ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase),
        ];
    }
}
