using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Decisions;

/// <summary>
/// The chair's approvals: the closures and transfers proposed in the panel's meetings (own département, by the
/// query filters), approved with an optional note or refused with a required one; never by their proposer.
/// </summary>
[Authorize(Policy = Permissions.PanelChair)]
internal sealed class ApprovalsModel(RecordDecision decisions) : PageModel
{
    public const int PageSize = 20;

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RecordDecision.PendingRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The decision a refusal or error is about, with its message (shown beside its row and on top).</summary>
    public Guid? ErrorFor { get; private set; }

    public string? Error { get; private set; }

    public string? PostedNote { get; private set; }

    public string? CurrentUserId => AccessScope.From(User).UserId;

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        (Rows, Total) = await decisions.PendingAsync(PageNumber, PageSize, ct);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, string? note, int version, CancellationToken ct) =>
        SettleAsync(id, note, version, approve: true, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? note, int version, CancellationToken ct) =>
        SettleAsync(id, note, version, approve: false, ct);

    public static string PageLink(int page) => $"/panel/approvals?p={page}";

    private async Task<IActionResult> SettleAsync(Guid id, string? note, int version, bool approve, CancellationToken ct)
    {
        var result = ModelState.ErrorFor("version") is not null
            ? new RecordDecision.Result(RecordDecision.Outcome.Conflict)
            : approve ? await decisions.ApproveAsync(id, note, version, ct) : await decisions.RejectAsync(id, note, version, ct);
        ModelState.Clear();
        switch (result.Outcome)
        {
            case RecordDecision.Outcome.Done:
                Message = Texts.Get(approve ? "decision.approvals.approved" : "decision.approvals.rejected");
                return LocalRedirect("/panel/approvals");
            case RecordDecision.Outcome.NotFound:
                return NotFound();
            case RecordDecision.Outcome.Conflict:
                Error = Texts.Get("decision.approval-conflict");
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                Error = DecisionLabels.Message(result.Error!);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
        }

        ErrorFor = id;
        PostedNote = note;
        await OnGetAsync(ct);
        return Page();
    }
}
