using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Admin;

/// <summary>Sets a département's duty contact: the address that receives its imminent-danger alerts.</summary>
[Authorize(Policy = Permissions.UsersManage)]
internal sealed class TerritoryModel(PasserelleDb db, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? DutyContactEmail { get; set; }

    public Domain.Territory? Current { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Current = await db.Territories.AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, ct);
        if (Current is null)
        {
            return NotFound();
        }

        DutyContactEmail = Current.DutyContactEmail;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var territory = await db.Territories.FirstOrDefaultAsync(t => t.Code == code, ct);
        if (territory is null)
        {
            return NotFound();
        }

        var value = string.IsNullOrWhiteSpace(DutyContactEmail) ? null : DutyContactEmail.Trim();
        Error = value switch
        {
            null => null,
            { Length: > Limits.Contact } => Texts.Format("territories.duty-contact-too-long", Limits.Contact),
            _ when !IsEmail(value) => Texts.Get("territories.duty-contact-invalid"),
            _ => null,
        };
        if (Error is not null)
        {
            Current = territory;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        territory.DutyContactEmail = value;
        audit.Append("territory.duty-contact-changed", nameof(Domain.Territory), territory.Code, reason: value is null ? "cleared" : "set");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = Texts.Format("territories.duty-contact-saved", territory.Code);
        return Redirect("/admin/territories");
    }

    /// <summary>One address, no display name, no list, no control characters.</summary>
    private static bool IsEmail(string value) =>
        value.IndexOfAny([',', ';', ' ', '<', '>', '"', '\'', '\r', '\n', '\t']) < 0
        && value.Count(c => c == '@') == 1
        && new EmailAddressAttribute().IsValid(value)
        && value.Split('@')[1].Contains('.', StringComparison.Ordinal);
}
