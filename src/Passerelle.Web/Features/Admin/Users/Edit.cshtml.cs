using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Audit;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Admin.Users;

/// <summary>
/// Changing an account's name, role and territory scope, locking it or resetting its second factor.
/// The form carries the account's concurrency stamp: a change made meanwhile by someone else wins
/// and is shown, never silently overwritten. Open sessions pick up the change within a minute.
/// </summary>
[Authorize(Policy = Permissions.UsersManage)]
internal sealed class EditModel(UserManager<AppUser> users, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    public string Email { get; private set; } = string.Empty;

    public bool Locked { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        Show(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? command)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (!string.Equals(user.ConcurrencyStamp, Input.Stamp, StringComparison.Ordinal))
        {
            return ShowConflict(user);
        }

        var self = user.Id == AccessScope.From(User).UserId;
        var changes = new List<string>();
        switch (command)
        {
            case "lock" when !self:
                await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
                changes.Add("locked");
                break;
            case "unlock":
                await users.SetLockoutEndDateAsync(user, null);
                await users.ResetAccessFailedCountAsync(user);
                changes.Add("unlocked");
                break;
            case "reset-2fa":
                await users.SetTwoFactorEnabledAsync(user, false);
                await users.ResetAuthenticatorKeyAsync(user);
                changes.Add("two-factor reset");
                break;
            case "lock":
                ModelState.AddModelError(string.Empty, Texts.Get("identity.SelfRole"));
                break;
            default:
                Validate(self, user);
                if (!ModelState.IsValid)
                {
                    break;
                }

                var territories = UserAccounts.NormaliseTerritories(Input.Territories)!;
                if (user.Role != Input.Role) { changes.Add("role"); }
                if (user.Territories != territories) { changes.Add("territories"); }
                if (user.DisplayName != Input.Name!.Trim()) { changes.Add("name"); }
                user.Role = Input.Role!;
                user.Territories = territories;
                user.DisplayName = Input.Name!.Trim();
                var updated = await users.UpdateAsync(user);
                if (!updated.Succeeded)
                {
                    return updated.Errors.Any(e => e.Code == "ConcurrencyFailure")
                        ? ShowConflict((await users.FindByIdAsync(id))!)
                        : ErrorsFrom(updated, user);
                }

                break;
        }

        if (!ModelState.IsValid)
        {
            Email = user.Email ?? string.Empty;
            Locked = user.LockoutEnd > clock.GetUtcNow();
            TwoFactorEnabled = user.TwoFactorEnabled;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (changes.Count > 0)
        {
            // Sessions of this user are re-validated (within a minute) with the new role and scope.
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync("user.update", "User", user.Id, reason: string.Join(", ", changes));
        }

        TempData["Message"] = Texts.Get("users.saved");
        return RedirectToPage("Index");
    }

    private void Validate(bool self, AppUser user)
    {
        if (string.IsNullOrWhiteSpace(Input.Name) || Input.Name.Length > 200 || Input.Name.Any(char.IsControl) || Input.Name.Contains('<', StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.Name", Texts.Get("identity.BadName"));
        }

        if (Input.Role is null || !Roles.IsKnown(Input.Role))
        {
            ModelState.AddModelError("Input.Role", Texts.Format("identity.UnknownRole", string.Join(", ", Roles.All)));
        }
        else if (self && Input.Role != user.Role)
        {
            ModelState.AddModelError("Input.Role", Texts.Get("identity.SelfRole"));
        }

        if (UserAccounts.NormaliseTerritories(Input.Territories) is null)
        {
            ModelState.AddModelError("Input.Territories", Texts.Get("identity.BadTerritories"));
        }
    }

    private PageResult ErrorsFrom(IdentityResult result, AppUser user)
    {
        foreach (var e in result.Errors.Select(UserAccounts.FromIdentity))
        {
            ModelState.AddModelError(string.Empty, Texts.Format(e.MessageKey, e.Args));
        }

        Show(user);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private PageResult ShowConflict(AppUser current)
    {
        ModelState.Clear();
        Show(current);
        Conflict = Texts.Get("users.conflict");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private void Show(AppUser user)
    {
        Email = user.Email ?? string.Empty;
        Locked = user.LockoutEnd > clock.GetUtcNow();
        TwoFactorEnabled = user.TwoFactorEnabled;
        Input = new EditInput { Name = user.DisplayName, Role = user.Role, Territories = user.Territories, Stamp = user.ConcurrencyStamp };
    }

    public sealed class EditInput
    {
        public string? Name { get; set; }

        public string? Role { get; set; }

        public string? Territories { get; set; }

        public string? Stamp { get; set; }
    }
}
