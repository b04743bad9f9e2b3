using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Account.Manage;

/// <summary>A user's own personal access tokens for the API: create (shown once), list, revoke.</summary>
internal sealed class TokensModel(PasserelleDb db, UserManager<AppUser> users, AuditLog audit, IServiceProvider services, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

    [BindProperty]
    public string? Name { get; set; }

    public string? NewToken { get; private set; }

    public IReadOnlyList<Row> Tokens { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError("Name", Texts.Get("error.required"));
        }
        else if (name.Length > 100)
        {
            ModelState.AddModelError("Name", Texts.Format("error.too-long", 100));
        }
        else if (name.Any(char.IsControl) || name.Contains('<', StringComparison.Ordinal))
        {
            ModelState.AddModelError("Name", Texts.Get("error.characters"));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        NewToken = await AccessTokens.CreateAsync(services, user, name!);
        Name = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var me = AccessScope.From(User).UserId;
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == me, ct);
        if (token is null)
        {
            return NotFound();
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            audit.Append("token.revoke", nameof(AccessToken), token.Id);
            await db.SaveChangesAsync(ct);
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = AccessScope.From(User).UserId;
        Tokens = await db.AccessTokens.AsNoTracking()
            .Where(t => t.UserId == me)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new Row(t.Id, t.Name, t.Prefix, t.CreatedAt, t.RevokedAt))
            .ToListAsync(ct);
    }
}
