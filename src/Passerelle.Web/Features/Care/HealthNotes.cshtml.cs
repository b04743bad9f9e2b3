using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Care;

/// <summary>
/// The health notes of a care plan: clinicians only (the page's policy answers 403 to anyone else, care workers of
/// the same unit included, and the <see cref="HealthNote"/> query filter returns nothing to them anyway). Newest
/// first; a note is added, never edited. An ended plan's notes stay readable until the plan's retention deadline,
/// and take no new note. Read and writes audited.
/// </summary>
[Authorize(Policy = Permissions.HealthNotes)]
internal sealed class HealthNotesModel(PasserelleDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    public CarePlan? Plan { get; private set; }

    public IReadOnlyList<HealthNote> Notes { get; private set; } = [];

    public string? Conflict { get; private set; }

    [BindProperty]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            await audit.RecordAsync("care.health-notes.read", nameof(CarePlan), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        audit.Append("care.health-notes.read", nameof(CarePlan), id, reason: $"{Notes.Count} note(s)", territory: Plan!.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var plan = await db.CarePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            await audit.RecordAsync("care.health-note.added", nameof(CarePlan), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        if (!plan.IsOpen)
        {
            await audit.RecordAsync("care.health-note.added", nameof(CarePlan), id, AuditLog.Denied, reason: "plan ended", territory: plan.TerritoryCode, ct: ct);
            await LoadAsync(id, ct);
            Conflict = Texts.Get("care-plan.error.closed");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var text = CareInput.Text(Text);
        if (text is null)
        {
            ModelState.AddModelError(nameof(Text), Texts.Get("care-plan.error.required"));
        }
        else if (text.Length > HealthNote.MaxTextLength)
        {
            ModelState.AddModelError(nameof(Text), Texts.Format("care-plan.error.too-long", HealthNote.MaxTextLength));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var scope = AccessScope.From(User);
        var author = await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var note = new HealthNote
        {
            TerritoryCode = plan.TerritoryCode, PlanId = plan.Id, At = clock.GetUtcNow().UtcDateTime, Text = text!,
            AuthorId = scope.UserId ?? "system", AuthorName = author ?? scope.UserId ?? "system",
        };
        db.HealthNotes.Add(note);
        audit.Append("care.health-note.added", nameof(HealthNote), note.Id, territory: plan.TerritoryCode);
        await db.SaveChangesAsync(ct);
        Message = Texts.Get("care-plan.health.saved");
        return LocalRedirect($"/care/plans/{id}/health-notes");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Plan = await db.CarePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Plan is null)
        {
            return false;
        }

        Notes = await db.HealthNotes.AsNoTracking().Where(n => n.PlanId == id).OrderByDescending(n => n.At).ThenByDescending(n => n.Id).ToListAsync(ct);
        return true;
    }
}
