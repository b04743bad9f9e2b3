using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Sectarian.Associations;

/// <summary>Adds a victim-support association to the reference list.</summary>
[Authorize(Policy = Permissions.AssociationsManage)]
internal sealed class CreateModel(PasserelleDb db, AuditLog audit) : PageModel
{
    [BindProperty]
    public AssociationInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var valid = await Input.ValidateAsync(db, null, ModelState, ct);
        if (valid is not { } v)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var association = new SupportAssociation { Name = v.Name, Region = v.Region, Contact = v.Contact, Active = Input.Active };
        db.SupportAssociations.Add(association);
        audit.Append("support-association.created", nameof(SupportAssociation), association.Id, reason: association.Region ?? SectarianCodes.National);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = Texts.Format("sectarian.associations.created", association.Name);
        return LocalRedirect("/miviludes/associations");
    }
}
