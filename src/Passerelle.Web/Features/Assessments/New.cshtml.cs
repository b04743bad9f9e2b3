using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// A panel member asks for an assessment of a case of their territory (with an optional note for the assessor), or
/// starts it themselves. The case is read through the register's filters: out of scope is not found.
/// </summary>
[Authorize(Policy = Permissions.PanelWork)]
internal sealed class NewModel(PasserelleDb db, AuditLog audit, RecordAssessment record) : PageModel
{
    public sealed record CaseSummary(Guid Id, string Territory, CaseStatus Status, Guid PersonId, string GivenName, string Surname, int? BirthYear);

    [BindProperty(SupportsGet = true)]
    public Guid? CaseId { get; set; }

    [BindProperty]
    public string? GridId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public bool Start { get; set; }

    public CaseSummary Target { get; private set; } = null!;

    public IReadOnlyList<RecordAssessment.GridChoice> Grids { get; private set; } = [];

    public Guid? OpenAssessmentId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unreadable = ModelState.ErrorFor(nameof(Start)) is not null;
        ModelState.Clear();
        if (CaseId is null)
        {
            return NotFound();
        }

        if (unreadable)
        {
            ModelState.AddModelError(string.Empty, Texts.Get("error.unknown-value"));
            return await ShowAgainAsync(null, ct);
        }

        var result = await record.CreateAsync(CaseId.Value, GridId, Note, Start, ct);
        switch (result.Outcome)
        {
            case RecordAssessment.Outcome.Done:
                TempData["Message"] = Texts.Get(Start ? "assessment.started" : "assessment.requested-done");
                return LocalRedirect($"/assessments/{result.Id}");
            case RecordAssessment.Outcome.NotFound:
                return NotFound();
            default:
                foreach (var e in result.Errors ?? [])
                {
                    ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
                }

                return await ShowAgainAsync(result.Id, ct);
        }
    }

    private async Task<IActionResult> ShowAgainAsync(Guid? open, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        OpenAssessmentId = open;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (CaseId is not { } id)
        {
            return false;
        }

        var found = await db.Cases.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CaseSummary(c.Id, c.TerritoryCode, c.Status, c.PersonId, c.Person!.GivenName, c.Person.Surname, c.Person.BirthYear))
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return false;
        }

        audit.Append("person.listed", nameof(Person), found.PersonId, reason: "assessment request");
        await db.SaveChangesAsync(ct);
        Target = found;
        Grids = await record.PublishedGridsAsync(ct);
        OpenAssessmentId ??= await db.Assessments.Where(a => a.CaseId == id && a.Status != AssessmentStatus.Completed).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        return true;
    }
}
