using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Account;

/// <summary>Where a refused page leads; a user who still owes a second factor is sent to set it up instead.</summary>
[AllowAnonymous]
internal sealed class AccessDeniedModel : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true && !TwoFactor.IsSatisfied(User))
        {
            return RedirectToPage("TwoFactor", new { returnUrl });
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
