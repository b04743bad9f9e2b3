using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Audit;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Account;

/// <summary>
/// Setting up TOTP two-factor authentication. Reachable with a password-only sign-in (every other page
/// refuses such a sign-in for roles that handle personal data); ends with a two-factor sign-in.
/// </summary>
[Authorize(Policy = SecuritySetup.SignedInPolicy)]
internal sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Key { get; private set; } = string.Empty;

    public string Uri { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (TwoFactor.IsSatisfied(User) && user.TwoFactorEnabled)
        {
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            await audit.RecordAsync("account.two-factor-enrol", "User", user.Id, AuditLog.Failure);
            ModelState.AddModelError(nameof(Code), Texts.Get("login.2fa-invalid"));
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.RecordAsync("account.two-factor-enrol", "User", user.Id);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactor.AmrClaim, TwoFactor.MfaValue)]);
        return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        Uri = $"otpauth://totp/Passerelle:{System.Uri.EscapeDataString(user.Email ?? user.Id)}?secret={key}&issuer=Passerelle&digits=6";
    }
}
