using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Admin.Users;

/// <summary>Creating an account: one role, a territory scope, an initial password (two-factor set up at first sign-in).</summary>
[Authorize(Policy = Permissions.UsersManage)]
internal sealed class CreateModel(IServiceProvider services) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await UserAccounts.CreateAsync(
            services, Input.Email ?? string.Empty, Input.Name ?? string.Empty, Input.Role ?? string.Empty, Input.Territories ?? string.Empty, Input.Password ?? string.Empty);
        if (outcome.User is null)
        {
            foreach (var e in outcome.Errors)
            {
                ModelState.AddModelError(e.Field.Length == 0 ? string.Empty : "Input." + char.ToUpperInvariant(e.Field[0]) + e.Field[1..], Texts.Format(e.MessageKey, e.Args));
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Message"] = Texts.Format("users.created", outcome.User.Email!);
        return RedirectToPage("Index");
    }

    public sealed class UserInput
    {
        public string? Email { get; set; }

        public string? Name { get; set; }

        public string? Role { get; set; }

        public string? Territories { get; set; }

        public string? Password { get; set; }
    }
}
