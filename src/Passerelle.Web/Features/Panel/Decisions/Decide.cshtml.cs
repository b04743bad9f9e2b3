using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Decisions;

/// <summary>
/// The decision form of one agenda item during a meeting in session: the person and case, the decision type and
/// its conditional fields, the rationale and the next review (empty → the type's default). With
/// <c>?corrects={decisionId}</c> it records a correction of the case's last, locked decision (a new decision).
/// </summary>
[Authorize(Policy = Permissions.PanelWork)]
internal sealed class DecideModel(RecordDecision decisions, TimeProvider clock) : PageModel
{
    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "corrects")]
    public Guid? Corrects { get; set; }

    [TempData]
    public string? Message { get; set; }

    public RecordDecision.FormContext? Context { get; private set; }

    /// <summary>Why the meeting cannot record decisions now (locked, not in session, chair absent), or null.</summary>
    public string? Blocked { get; private set; }

    public string? Conflict { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The départements a case can be transferred to: all but its own.</summary>
    public IEnumerable<Territory> Targets => Departements.All.Where(d => d.Code != Context?.Case.TerritoryCode);

    public async Task<IActionResult> OnGetAsync(Guid meetingId, Guid itemId, CancellationToken ct)
    {
        if (!await LoadAsync(meetingId, itemId, ct))
        {
            return NotFound();
        }

        Input = new DecisionInput { CaseVersion = Context!.Case.Version, ItemVersion = Context.Item.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid meetingId, Guid itemId, CancellationToken ct)
    {
        var versionsBroken = ModelState.ErrorFor("Input.CaseVersion") is not null || ModelState.ErrorFor("Input.ItemVersion") is not null;
        ModelState.Clear();
        var proposal = versionsBroken ? null : Parse();
        if (versionsBroken)
        {
            Conflict = Texts.Get("decision.conflict");
            return await RedisplayAsync(meetingId, itemId, StatusCodes.Status409Conflict, ct);
        }

        if (proposal is null)
        {
            return await RedisplayAsync(meetingId, itemId, StatusCodes.Status422UnprocessableEntity, ct);
        }

        var result = await decisions.ProposeAsync(meetingId, itemId, proposal, ct);
        switch (result.Outcome)
        {
            case RecordDecision.Outcome.Done:
                Message = Texts.Get(result.Decision!.Status == DecisionStatus.PendingApproval ? "decision.saved-pending" : "decision.saved");
                return LocalRedirect($"/panel/meetings/{meetingId}");
            case RecordDecision.Outcome.NotFound:
                return NotFound();
            case RecordDecision.Outcome.Conflict:
                Conflict = Texts.Get("decision.conflict");
                return await RedisplayAsync(meetingId, itemId, StatusCodes.Status409Conflict, ct);
            default:
                ModelState.AddModelError(FieldOf(result.Error!), DecisionLabels.Message(result.Error!));
                return await RedisplayAsync(meetingId, itemId, StatusCodes.Status422UnprocessableEntity, ct);
        }
    }

    /// <summary>The form field a refusal belongs to (empty: the whole form, e.g. the meeting's state).</summary>
    public static string FieldOf(DomainError error) => error.Code switch
    {
        "decision.type-unknown" => "Input.Type",
        "decision.rationale-required" or "decision.rationale-too-long" => "Input.Rationale",
        "decision.closure-reason-required" => "Input.ClosureReason",
        "decision.closure-detail-required" or "decision.closure-detail-too-long" => "Input.ClosureDetail",
        "decision.next-review-required" or "decision.next-review-past" or "decision.next-review-too-far" => "Input.NextReview",
        "decision.service-required" or "decision.service-too-long" => "Input.Service",
        "decision.transfer-target-required" or "decision.transfer-same-territory" or "decision.transfer-target-unknown" => "Input.TransferTo",
        _ => string.Empty,
    };

    public string DefaultReview(DecisionType type) =>
        PanelDecision.DefaultNextReview(type, Today)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Turns the posted strings into a proposal, or adds the field errors and returns null.</summary>
    private RecordDecision.Proposal? Parse()
    {
        var typeText = Input.Type?.Trim();
        DecisionType type = default;
        if (string.IsNullOrEmpty(typeText) || int.TryParse(typeText, out _) || !Enum.TryParse(typeText, ignoreCase: false, out type) || !Enum.IsDefined(type))
        {
            ModelState.AddModelError("Input.Type", Texts.Get("decision.type-unknown"));
        }

        DateOnly? nextReview = null;
        if (!string.IsNullOrWhiteSpace(Input.NextReview))
        {
            if (DateOnly.TryParseExact(Input.NextReview.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                nextReview = parsed;
            }
            else
            {
                ModelState.AddModelError("Input.NextReview", Texts.Get("decision.next-review-invalid"));
            }
        }

        ClosureReason? reason = null;
        if (type == DecisionType.Close && !string.IsNullOrWhiteSpace(Input.ClosureReason))
        {
            if (!int.TryParse(Input.ClosureReason, out _) && Enum.TryParse<ClosureReason>(Input.ClosureReason.Trim(), ignoreCase: false, out var r) && Enum.IsDefined(r))
            {
                reason = r;
            }
            else
            {
                ModelState.AddModelError("Input.ClosureReason", Texts.Get("decision.closure-reason-required"));
            }
        }

        string? service = null;
        if (type == DecisionType.KeepFollowed)
        {
            var code = Input.Service?.Trim();
            if (string.IsNullOrEmpty(code) || code == "other")
            {
                service = string.IsNullOrWhiteSpace(Input.ServiceOther) ? null : Input.ServiceOther.Trim();
            }
            else if (PanelServices.IsKnown(code))
            {
                service = code;
            }
            else
            {
                ModelState.AddModelError("Input.Service", Texts.Get("error.unknown-value"));
            }
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        return new RecordDecision.Proposal(
            type, Input.Rationale, nextReview, service, reason, type == DecisionType.Close ? Input.ClosureDetail : null,
            type == DecisionType.Transfer ? Input.TransferTo : null, Input.CaseVersion, Input.ItemVersion, Corrects);
    }

    private async Task<IActionResult> RedisplayAsync(Guid meetingId, Guid itemId, int status, CancellationToken ct)
    {
        if (!await LoadAsync(meetingId, itemId, ct))
        {
            return NotFound();
        }

        if (status == StatusCodes.Status409Conflict)
        {
            // A fresh reading, so that a reload-free retry is a deliberate act on the current versions.
            Input.CaseVersion = Context!.Case.Version;
            Input.ItemVersion = Context.Item.Version;
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid meetingId, Guid itemId, CancellationToken ct)
    {
        Context = await decisions.LoadFormAsync(meetingId, itemId, Corrects, ct);
        if (Context is null)
        {
            return false;
        }

        var refusal = RecordDecision.MeetingRefusal(Context.Meeting);
        Blocked = refusal is null ? null : DecisionLabels.Message(refusal);
        return true;
    }

    public sealed class DecisionInput
    {
        public string? Type { get; set; }

        public string? Service { get; set; }

        public string? ServiceOther { get; set; }

        public string? ClosureReason { get; set; }

        public string? ClosureDetail { get; set; }

        public string? TransferTo { get; set; }

        public string? Rationale { get; set; }

        public string? NextReview { get; set; }

        public int CaseVersion { get; set; }

        public int ItemVersion { get; set; }
    }
}
