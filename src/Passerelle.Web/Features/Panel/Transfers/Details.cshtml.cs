using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Transfers;

/// <summary>
/// One transfer: its summary (both panels see it) and, for a member of the receiving panel while it waits,
/// the two answers — accept (the case and its person move to this département) or refuse with a reason.
/// Read under audit; both answers carry the version read.
/// </summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class DetailsModel(PasserelleDb db, AuditLog audit, SettleTransfer settle) : PageModel
{
    public CaseTransfer? Transfer { get; private set; }

    /// <summary>Whether the case can be opened by this user now (the sending panel before, the receiving one after).</summary>
    public bool CaseVisible { get; private set; }

    public bool CanSettle => Transfer is { Status: TransferStatus.Pending } t && SettleTransfer.CanSettle(AccessScope.From(User), t.ToTerritory);

    [TempData]
    public string? Message { get; set; }

    public string? Conflict { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        HandleAsync(id, () => settle.AcceptAsync(id, Version, ct), ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid id, CancellationToken ct) =>
        HandleAsync(id, () => settle.RefuseAsync(id, Reason, Version, ct), ct);

    private async Task<IActionResult> HandleAsync(Guid id, Func<Task<SettleTransfer.Result>> settle, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A version that is not a number (forged form): nothing is settled.
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, Texts.Get("transfer.version-invalid"));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        var result = await settle();
        switch (result.Outcome)
        {
            case SettleTransfer.Outcome.Done:
                Message = Texts.Get(Reason is null ? "transfer.accepted" : "transfer.refused");
                return RedirectToPage(new { id });
            case SettleTransfer.Outcome.NotFound:
                return NotFound();
            case SettleTransfer.Outcome.Forbidden:
                return Forbid();
            case SettleTransfer.Outcome.Conflict:
                Conflict = Texts.Get("transfer.conflict");
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                ModelState.AddModelError(result.Error is ReasonRequired or ReasonTooLong ? nameof(Reason) : string.Empty, Texts.Get("transfer.error." + result.Error!.Code));
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Transfer = await db.CaseTransfers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (Transfer is null)
        {
            await audit.RecordAsync("transfer.read", nameof(CaseTransfer), id, AuditLog.NotFound, ct: ct);
            return false;
        }

        CaseVisible = await db.Cases.AnyAsync(c => c.Id == Transfer.CaseId, ct);
        audit.Append("transfer.read", nameof(CaseTransfer), id, territory: Transfer.ToTerritory);
        audit.Append("person.listed", nameof(Person), Transfer.PersonId, reason: "transfer", territory: Transfer.ToTerritory);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
