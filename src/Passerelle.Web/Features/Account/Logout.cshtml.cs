using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Audit;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Account;

[AllowAnonymous]
internal sealed class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync("account.sign-out", "User", AccessScope.From(User).UserId);
        }

        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
