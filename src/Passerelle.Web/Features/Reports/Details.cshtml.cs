using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Triage;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Reports;

/// <summary>
/// One report as received, with its status. No permission named for reading on purpose: the Reports
/// query filter decides (panel of the territory, or the operator or partner who recorded it, for 30
/// days); anyone else gets 404. A panel member sees a waiting report's candidates from the register and
/// takes it in charge (attach to a candidate or create a person) or closes it as not pursued.
/// </summary>
internal sealed class DetailsModel(PasserelleDb db, AuditLog audit, FindCandidates find, TriageReport triage) : PageModel
{
    public Report? Report { get; private set; }

    /// <summary>Candidates of the register, for a waiting report shown to a panel member.</summary>
    public FindCandidates.Result? Matches { get; private set; }

    public bool CanTriage { get; private set; }

    [BindProperty]
    public Guid? PersonId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTakeInChargeAsync(Guid id, CancellationToken ct)
    {
        if (ModelState.ErrorFor("PersonId") is not null || ModelState.ErrorFor("Version") is not null)
        {
            // A malformed choice must never fall back to "create a new person".
            ModelState.Clear();
            return await FailedAsync(id, new TriageReport.Result(TriageReport.Outcome.Refused, new FieldError("personId", "error.person-not-found")), "PersonId", ct);
        }

        var result = await triage.TakeInChargeAsync(id, PersonId, Version, ct);
        if (result.Outcome == TriageReport.Outcome.Done)
        {
            TempData["Message"] = Texts.Get("triage.taken");
            return LocalRedirect($"/persons/{result.PersonId}");
        }

        return await FailedAsync(id, result, "PersonId", ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        var result = await triage.CloseAsync(id, Reason, Version, ct);
        if (result.Outcome == TriageReport.Outcome.Done)
        {
            TempData["Message"] = Texts.Get("triage.closed");
            return LocalRedirect("/triage");
        }

        return await FailedAsync(id, result, "Reason", ct);
    }

    private async Task<IActionResult> FailedAsync(Guid id, TriageReport.Result result, string field, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case TriageReport.Outcome.NotFound:
                return NotFound();
            case TriageReport.Outcome.Conflict:
                ModelState.AddModelError(string.Empty, Texts.Get("error.report.changed"));
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                ModelState.AddModelError(field, Texts.Format(result.Error!.MessageKey, result.Error.Args));
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
        }

        var status = Response.StatusCode;
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (Report is null)
        {
            await audit.RecordAsync("report.read", nameof(Domain.Report), id, AuditLog.NotFound, ct: ct);
            return false;
        }

        await audit.RecordAsync("report.read", nameof(Domain.Report), id, territory: Report.TerritoryCode, ct: ct);
        var scope = AccessScope.From(User);
        CanTriage = Report.Status == ReportStatus.Received && scope.Can(Permissions.RegisterWrite) && scope.CoversTerritory(Report.TerritoryCode);
        if (CanTriage)
        {
            Matches = await find.RunAsync(
                new FindCandidates.Query(Report.ReportedGivenName, Report.ReportedSurname, Report.ReportedAliases, Report.ReportedDateOfBirth,
                    Report.ReportedPlaceOfBirth, Report.ReportedSex, Report.ReportedAddress),
                ct);
        }

        return true;
    }
}
