using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Audit;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Account;

[AllowAnonymous]
internal sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || Input.Email.Length > 256)
        {
            ModelState.AddModelError("Input.Email", Texts.Get("error.required"));
        }

        if (string.IsNullOrEmpty(Input.Password) || Input.Password.Length > 256)
        {
            ModelState.AddModelError("Input.Password", Texts.Get("error.required"));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        if (user is null)
        {
            await audit.RecordAsync("account.sign-in", "User", null, AuditLog.Failure, "unknown account");
            Failure = Texts.Get("login.failed");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync("account.sign-in", "User", user.Id, AuditLog.Denied, "locked out");
            Failure = Texts.Get("login.locked");
            return Page();
        }

        if (result.RequiresTwoFactor)
        {
            await audit.RecordAsync("account.sign-in", "User", user.Id, "password-ok", "second factor required");
            return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        }

        if (!result.Succeeded)
        {
            await audit.RecordAsync("account.sign-in", "User", user.Id, AuditLog.Failure, "wrong password");
            Failure = Texts.Get("login.failed");
            return Page();
        }

        await audit.RecordAsync("account.sign-in", "User", user.Id);
        if (Roles.RequiresTwoFactor(user.Role))
        {
            return RedirectToPage("TwoFactor", new { ReturnUrl });
        }

        return LocalRedirect(SafeReturnUrl(ReturnUrl));
    }

    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    public sealed class LoginInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
