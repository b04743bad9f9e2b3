namespace Passerelle.Domain;

public enum DecisionType
{
    /// <summary>Keep under follow-up by a named service.</summary>
    KeepFollowed = 1,

    /// <summary>Refer to the prevention and family-support unit (CPRAF): a care plan.</summary>
    ReferCare = 2,

    /// <summary>Refer to the disengagement programme.</summary>
    ReferProgramme = 3,

    ReferJudicial = 4,

    /// <summary>Refer to child protection (minors).</summary>
    ReferChildProtection = 5,

    /// <summary>Transfer to another département's panel (the chair approves, the receiving panel accepts).</summary>
    Transfer = 6,

    /// <summary>Close the case (the chair approves; a reason is required).</summary>
    Close = 7,
}

public enum ClosureReason
{
    NotConfirmed = 1,
    RiskEnded = 2,
    LeftTerritory = 3,
    Deceased = 4,
    Other = 5,
}

public enum DecisionStatus
{
    /// <summary>In force: applied to the case.</summary>
    Effective = 1,

    /// <summary>A closure or transfer proposed by a member, waiting for the chair's approval.</summary>
    PendingApproval = 2,

    /// <summary>The chair refused it; the case is unchanged.</summary>
    Rejected = 3,
}

/// <summary>
/// A panel's decision about one case, with its written rationale and the case's next review date.
/// Closing and transferring need a second person, the chair, to approve (<see cref="Approve"/>).
/// Once the meeting's minutes are validated the decision is locked; a correction is a new decision
/// that points to it (<see cref="CorrectsId"/>).
/// </summary>
public sealed class PanelDecision : IVersioned
{
    public const int MaxRationaleLength = 4000;
    public const int MaxServiceLength = 200;
    public const int MaxReasonDetailLength = 1000;

    /// <summary>Reviews are scheduled at most this far ahead.</summary>
    public const int MaxReviewMonths = 12;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CaseId { get; init; }

    /// <summary>The panel that decided (the territory of its meeting), kept when the case later moves.</summary>
    public required string TerritoryCode { get; init; }

    public Guid? MeetingId { get; init; }

    public Guid? AgendaItemId { get; init; }

    public DecisionType Type { get; init; }

    /// <summary>The service in charge of the follow-up (<see cref="DecisionType.KeepFollowed"/>).</summary>
    public string? FollowingService { get; init; }

    public ClosureReason? ClosureReason { get; init; }

    /// <summary>Required with <see cref="Domain.ClosureReason.Other"/>.</summary>
    public string? ClosureReasonDetail { get; init; }

    public string? TransferTo { get; init; }

    public required string Rationale { get; init; }

    /// <summary>The case's next review; null only for a closure.</summary>
    public DateOnly? NextReviewOn { get; init; }

    public DateTime DecidedAt { get; init; }

    public required string ProposedById { get; init; }

    public DecisionStatus Status { get; private set; }

    public string? ApprovedById { get; private set; }

    public DateTime? ApprovedAt { get; private set; }

    public string? ApprovalNote { get; private set; }

    /// <summary>The decision this one corrects (validated minutes are never edited).</summary>
    public Guid? CorrectsId { get; init; }

    public bool Locked { get; set; }

    public int Version { get; set; }

    public bool NeedsApproval => Type is DecisionType.Close or DecisionType.Transfer;

    /// <summary>Default months to the next review, by decision type (editable on the form).</summary>
    public static int? DefaultReviewMonths(DecisionType type) => type switch
    {
        DecisionType.KeepFollowed => 3,
        DecisionType.ReferCare => 3,
        DecisionType.ReferProgramme => 6,
        DecisionType.ReferJudicial => 3,
        DecisionType.ReferChildProtection => 2,
        DecisionType.Transfer => 1,
        DecisionType.Close => null,
        _ => null,
    };

    public static DateOnly? DefaultNextReview(DecisionType type, DateOnly today) =>
        DefaultReviewMonths(type) is { } months ? today.AddMonths(months) : null;

    /// <summary>
    /// Checks a proposed decision and creates it: effective at once, or waiting for the chair's approval
    /// for a closure or a transfer. Nothing is created when a rule is broken.
    /// </summary>
    public static (PanelDecision? Decision, DomainError? Error) Propose(
        Case @case,
        DecisionType type,
        string? rationale,
        DateOnly? nextReviewOn,
        string? followingService,
        ClosureReason? closureReason,
        string? closureReasonDetail,
        string? transferTo,
        string territoryCode,
        Guid? meetingId,
        Guid? agendaItemId,
        string actorId,
        DateTime now,
        Guid? correctsId = null)
    {
        if (!Enum.IsDefined(type))
        {
            return (null, new DecisionTypeUnknown());
        }

        if (!@case.IsOpen)
        {
            return (null, new CaseNotOpen());
        }

        if (@case.TransferTo is not null)
        {
            return (null, new CaseInTransfer());
        }

        if (string.IsNullOrWhiteSpace(rationale))
        {
            return (null, new RationaleRequired());
        }

        if (rationale.Length > MaxRationaleLength)
        {
            return (null, new RationaleTooLong(MaxRationaleLength));
        }

        var today = DateOnly.FromDateTime(now);
        if (type == DecisionType.Close)
        {
            if (closureReason is null || !Enum.IsDefined(closureReason.Value))
            {
                return (null, new ClosureReasonRequired());
            }

            if (closureReason == Domain.ClosureReason.Other && string.IsNullOrWhiteSpace(closureReasonDetail))
            {
                return (null, new ClosureReasonDetailRequired());
            }

            if (closureReasonDetail is { Length: > MaxReasonDetailLength })
            {
                return (null, new ClosureReasonDetailTooLong(MaxReasonDetailLength));
            }

            nextReviewOn = null;
        }
        else
        {
            if (nextReviewOn is null)
            {
                return (null, new NextReviewRequired());
            }

            if (nextReviewOn.Value <= today)
            {
                return (null, new NextReviewNotInFuture());
            }

            if (nextReviewOn.Value > today.AddMonths(MaxReviewMonths))
            {
                return (null, new NextReviewTooFar(MaxReviewMonths));
            }
        }

        if (type == DecisionType.KeepFollowed)
        {
            if (string.IsNullOrWhiteSpace(followingService))
            {
                return (null, new FollowingServiceRequired());
            }

            if (followingService.Length > MaxServiceLength)
            {
                return (null, new FollowingServiceTooLong(MaxServiceLength));
            }
        }

        if (type == DecisionType.Transfer)
        {
            if (string.IsNullOrWhiteSpace(transferTo))
            {
                return (null, new TransferTargetRequired());
            }

            if (string.Equals(transferTo, @case.TerritoryCode, StringComparison.Ordinal))
            {
                return (null, new TransferToSameTerritory());
            }
        }

        var decision = new PanelDecision
        {
            CaseId = @case.Id,
            TerritoryCode = territoryCode,
            MeetingId = meetingId,
            AgendaItemId = agendaItemId,
            Type = type,
            FollowingService = type == DecisionType.KeepFollowed ? followingService!.Trim() : null,
            ClosureReason = type == DecisionType.Close ? closureReason : null,
            ClosureReasonDetail = type == DecisionType.Close && !string.IsNullOrWhiteSpace(closureReasonDetail) ? closureReasonDetail.Trim() : null,
            TransferTo = type == DecisionType.Transfer ? transferTo!.Trim() : null,
            Rationale = rationale.Trim(),
            NextReviewOn = nextReviewOn,
            DecidedAt = now,
            ProposedById = actorId,
            CorrectsId = correctsId,
        };
        decision.Status = decision.NeedsApproval ? DecisionStatus.PendingApproval : DecisionStatus.Effective;
        return (decision, null);
    }

    /// <summary>The chair approves a closure or a transfer: never the member who proposed it.</summary>
    public DomainError? Approve(string chairId, string? note, DateTime now) => Settle(chairId, note, now, DecisionStatus.Effective);

    /// <summary>The chair refuses a closure or a transfer (a note is required); the case is unchanged.</summary>
    public DomainError? Reject(string chairId, string? note, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return new ApprovalNoteRequired();
        }

        return Settle(chairId, note, now, DecisionStatus.Rejected);
    }

    private DomainError? Settle(string chairId, string? note, DateTime now, DecisionStatus outcome)
    {
        if (Status != DecisionStatus.PendingApproval)
        {
            return new DecisionNotPending();
        }

        if (string.Equals(chairId, ProposedById, StringComparison.Ordinal))
        {
            return new SameProposerAndApprover();
        }

        if (note is { Length: > MaxReasonDetailLength })
        {
            return new ApprovalNoteTooLong(MaxReasonDetailLength);
        }

        Status = outcome;
        ApprovedById = chairId;
        ApprovedAt = now;
        ApprovalNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }
}

public sealed record DecisionTypeUnknown() : DomainError("decision.type-unknown");

public sealed record CaseNotOpen() : DomainError("decision.case-not-open");

public sealed record CaseInTransfer() : DomainError("decision.case-in-transfer");

public sealed record RationaleRequired() : DomainError("decision.rationale-required");

public sealed record RationaleTooLong(int Max) : DomainError("decision.rationale-too-long");

public sealed record ClosureReasonRequired() : DomainError("decision.closure-reason-required");

public sealed record ClosureReasonDetailRequired() : DomainError("decision.closure-detail-required");

public sealed record ClosureReasonDetailTooLong(int Max) : DomainError("decision.closure-detail-too-long");

public sealed record NextReviewRequired() : DomainError("decision.next-review-required");

public sealed record NextReviewNotInFuture() : DomainError("decision.next-review-past");

public sealed record NextReviewTooFar(int Months) : DomainError("decision.next-review-too-far");

public sealed record FollowingServiceRequired() : DomainError("decision.service-required");

public sealed record FollowingServiceTooLong(int Max) : DomainError("decision.service-too-long");

public sealed record TransferTargetRequired() : DomainError("decision.transfer-target-required");

public sealed record TransferToSameTerritory() : DomainError("decision.transfer-same-territory");

public sealed record DecisionNotPending() : DomainError("decision.not-pending");

public sealed record SameProposerAndApprover() : DomainError("decision.same-approver");

public sealed record ApprovalNoteRequired() : DomainError("decision.approval-note-required");

public sealed record ApprovalNoteTooLong(int Max) : DomainError("decision.approval-note-too-long");

/// <summary>A meeting without its chair or the chair's delegate present cannot record decisions.</summary>
public sealed record ChairAbsent() : DomainError("meeting.chair-absent");

/// <summary>Validated minutes and their decisions are locked; a correction is a new, linked entry.</summary>
public sealed record MinutesLocked() : DomainError("meeting.locked");
