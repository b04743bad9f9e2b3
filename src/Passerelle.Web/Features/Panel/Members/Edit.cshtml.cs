using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Members;

/// <summary>
/// Edits a panel member. No delete: a member is deactivated, so past attendance and follow-ups keep pointing to them.
/// The département never changes. The form carries the version read: a change made meanwhile is shown, never overwritten.
/// </summary>
[Authorize(Policy = Permissions.PanelMembersManage)]
internal sealed class EditModel(PasserelleDb db, AuditLog audit, CurrentActor actor) : PageModel
{
    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public string Title { get; private set; } = string.Empty;

    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var member = await db.PanelMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return NotFound();
        }

        Title = member.Name;
        Input = MemberInput.From(member);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var member = await db.PanelMembers.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return NotFound();
        }

        Title = member.Name;
        var versionUnreadable = ModelState.ErrorFor("Input.Version") is not null;
        ModelState.Clear();
        if (versionUnreadable || member.Version != Input.Version)
        {
            return ShowConflict(member);
        }

        var valid = Input.Validate(actor.Scope, territoryFixed: true, ModelState);
        if (valid is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var changes = new List<string>();
        if (member.Name != valid.Name) { changes.Add("name"); }
        if (member.Service != valid.Service) { changes.Add("service"); }
        if (member.Function != valid.Function) { changes.Add("function"); }
        if (member.Email != valid.Email) { changes.Add("email"); }
        if (member.Active != Input.Active) { changes.Add(Input.Active ? "reactivated" : "deactivated"); }
        if (changes.Count > 0)
        {
            member.Name = valid.Name;
            member.Service = valid.Service;
            member.Function = valid.Function;
            member.Email = valid.Email;
            member.UserId = await MemberInput.LinkedUserAsync(db, valid.Email, member.TerritoryCode, ct);
            member.Active = Input.Active;
            audit.Append("panel-member.updated", nameof(PanelMember), member.Id, reason: string.Join(", ", changes), territory: member.TerritoryCode);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await db.PanelMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
                return current is null ? NotFound() : ShowConflict(current);
            }
        }

        TempData["Message"] = Texts.Format("panel.members.saved", member.Name);
        return LocalRedirect("/panel/members");
    }

    private PageResult ShowConflict(PanelMember current)
    {
        Input = MemberInput.From(current);
        Conflict = Texts.Get("panel.meetings.conflict");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
