using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Sectarian.Associations;

/// <summary>
/// Edits an association. No delete: an association is deactivated, so answers already sent keep pointing to it.
/// The form carries the version read: a change made meanwhile wins and is shown, never silently overwritten.
/// </summary>
[Authorize(Policy = Permissions.AssociationsManage)]
internal sealed class EditModel(PasserelleDb db, AuditLog audit) : PageModel
{
    [BindProperty]
    public AssociationInput Input { get; set; } = new();

    public string Title { get; private set; } = string.Empty;

    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var association = await db.SupportAssociations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (association is null)
        {
            return NotFound();
        }

        Title = association.Name;
        Input = AssociationInput.From(association);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var association = await db.SupportAssociations.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (association is null)
        {
            return NotFound();
        }

        Title = association.Name;
        var versionUnreadable = ModelState.ErrorFor("Input.Version") is not null;
        ModelState.Clear();
        if (versionUnreadable || association.Version != Input.Version)
        {
            return ShowConflict(association);
        }

        var valid = await Input.ValidateAsync(db, id, ModelState, ct);
        if (valid is not { } v)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var changes = new List<string>();
        if (association.Name != v.Name) { changes.Add("name"); }
        if (association.Region != v.Region) { changes.Add("region"); }
        if (association.Contact != v.Contact) { changes.Add("contact"); }
        if (association.Active != Input.Active) { changes.Add(Input.Active ? "reactivated" : "deactivated"); }
        if (changes.Count > 0)
        {
            association.Name = v.Name;
            association.Region = v.Region;
            association.Contact = v.Contact;
            association.Active = Input.Active;
            audit.Append("support-association.updated", nameof(SupportAssociation), association.Id, reason: string.Join(", ", changes));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.SupportAssociations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
                return current is null ? NotFound() : ShowConflict(current);
            }
        }

        TempData["Message"] = Texts.Format("sectarian.associations.saved", association.Name);
        return LocalRedirect("/miviludes/associations");
    }

    private PageResult ShowConflict(SupportAssociation current)
    {
        Input = AssociationInput.From(current);
        Conflict = Texts.Get("sectarian.associations.conflict");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
