using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Admin.Users;

/// <summary>Accounts, with their role and territory scope; 25 per page.</summary>
[Authorize(Policy = Permissions.UsersManage)]
internal sealed class IndexModel(PasserelleDb db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public sealed record Row(string Id, string Email, string Name, string Role, string Territories, bool TwoFactor, bool Locked);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query) && Query.Length <= 100)
        {
            var term = Query.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.Contains(Query.Trim()));
        }

        var now = clock.GetUtcNow();
        Total = await users.CountAsync(ct);
        var rows = await users.OrderBy(u => u.NormalizedEmail).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Role, u.Territories, u.TwoFactorEnabled, u.LockoutEnd })
            .ToListAsync(ct);
        Rows = [.. rows.Select(u => new Row(u.Id, u.Email ?? string.Empty, u.DisplayName, u.Role, u.Territories, u.TwoFactorEnabled, u.LockoutEnd > now))];
    }

    public string PageLink(int page) => Url.Page("Index", new { q = Query, p = page }) ?? "/admin/users";
}
