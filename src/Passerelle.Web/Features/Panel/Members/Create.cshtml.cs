using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Members;

/// <summary>Adds a member to a département's panel (the chair for their own; the administrator picks the département).</summary>
[Authorize(Policy = Permissions.PanelMembersManage)]
internal sealed class CreateModel(PasserelleDb db, AuditLog audit, CurrentActor actor) : PageModel
{
    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public IReadOnlyList<string>? Territories { get; private set; }

    public void OnGet()
    {
        Territories = Choices();
        Input = new MemberInput { Function = nameof(PanelFunction.Member), Territory = Territories is null ? null : Input.Territory };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Territories = Choices();
        ModelState.Clear();
        var valid = Input.Validate(actor.Scope, Territories is null, ModelState);
        if (valid is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var territory = valid.Territory ?? actor.Scope.Territories[0];
        var member = new PanelMember
        {
            TerritoryCode = territory,
            Name = valid.Name,
            Service = valid.Service,
            Function = valid.Function,
            Email = valid.Email,
            UserId = await MemberInput.LinkedUserAsync(db, valid.Email, territory, ct),
            Active = Input.Active,
        };
        db.PanelMembers.Add(member);
        audit.Append("panel-member.created", nameof(PanelMember), member.Id, territory: territory);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = Texts.Format("panel.members.created", member.Name);
        return LocalRedirect("/panel/members");
    }

    /// <summary>Null when the actor has exactly one département (it is the member's); the choice otherwise.</summary>
    private IReadOnlyList<string>? Choices()
    {
        var all = MemberInput.TerritoriesOf(actor.Scope);
        return all.Count == 1 ? null : all;
    }
}
