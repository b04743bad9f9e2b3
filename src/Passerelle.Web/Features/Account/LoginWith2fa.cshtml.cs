using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Audit;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Account;

[AllowAnonymous]
internal sealed class LoginWith2faModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            Failure = Texts.Get("login.session-expired");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            Failure = Texts.Get("login.session-expired");
            return Page();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            ModelState.AddModelError(nameof(Code), Texts.Get("login.2fa-invalid"));
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync("account.sign-in", "User", user.Id, reason: "second factor verified");
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        }

        await audit.RecordAsync("account.sign-in", "User", user.Id, result.IsLockedOut ? AuditLog.Denied : AuditLog.Failure, "wrong second factor");
        if (result.IsLockedOut)
        {
            Failure = Texts.Get("login.locked");
            return Page();
        }

        ModelState.AddModelError(nameof(Code), Texts.Get("login.2fa-invalid"));
        return Page();
    }
}
