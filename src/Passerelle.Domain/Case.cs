namespace Passerelle.Domain;

/// <summary>The follow-up of one person by the panel of a département, with an explicit status lifecycle.</summary>
public sealed class Case : IVersioned
{
    public const int MaxReasonLength = 2000;

    private static readonly Dictionary<CaseStatus, CaseStatus[]> Allowed = new()
    {
        // Followed and Closed are reached only through a panel decision (ApplyDecision): a followed case
        // always has a next review date, and a closure is approved by the chair.
        [CaseStatus.Reported] = [CaseStatus.UnderAssessment],
        [CaseStatus.UnderAssessment] = [],
        [CaseStatus.Followed] = [CaseStatus.UnderAssessment],
        [CaseStatus.Closed] = [CaseStatus.UnderAssessment, CaseStatus.Archived],
        [CaseStatus.Archived] = [],
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PersonId { get; init; }

    public Person? Person { get; init; }

    /// <summary>The département whose panel follows the case; it changes only when a transfer is accepted.</summary>
    public required string TerritoryCode { get; set; }

    public CaseStatus Status { get; private set; } = CaseStatus.Reported;

    /// <summary>When the panel reviews the case next; every followed case has one (set by decisions and reviews).</summary>
    public DateOnly? NextReviewOn { get; private set; }

    /// <summary>The service named by the last "keep under follow-up" decision.</summary>
    public string? FollowingService { get; private set; }

    /// <summary>The last decision in force (its type), shown as the case's current orientation.</summary>
    public DecisionType? LastDecisionType { get; private set; }

    /// <summary>Set while a transfer waits for the receiving panel: both panels see the case "in transfer".</summary>
    public string? TransferTo { get; private set; }

    public DateTime OpenedAt { get; init; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// Set when the case is closed: the date past which the retention job deletes the case and its
    /// records (and the person when no other case remains). Cleared if the case is reopened.
    /// </summary>
    public DateTime? RetainUntil { get; set; }

    public int Version { get; set; }

    public List<CaseEvent> Events { get; init; } = [];

    public bool IsOpen => Status is not (CaseStatus.Closed or CaseStatus.Archived);

    public bool IsInTransfer => TransferTo is not null;

    /// <summary>An open case whose review date is today or past.</summary>
    public bool IsReviewDue(DateOnly today) => IsOpen && NextReviewOn is { } due && due <= today;

    public IReadOnlyList<CaseStatus> NextStatuses => Allowed[Status];

    public static Case Open(Person person, string actorId, DateTime now)
    {
        var opened = new Case
        {
            PersonId = person.Id,
            TerritoryCode = person.TerritoryCode,
            OpenedAt = now,
            UpdatedAt = now,
        };
        opened.Events.Add(new CaseEvent
        {
            CaseId = opened.Id,
            TerritoryCode = opened.TerritoryCode,
            At = now,
            ActorId = actorId,
            Kind = CaseEventKind.Opened,
            ToStatus = CaseStatus.Reported,
        });
        return opened;
    }

    public CaseEvent AttachReport(Report report, string actorId, DateTime now)
    {
        report.CaseId = Id;
        report.PersonId = PersonId;
        UpdatedAt = now;
        var attached = new CaseEvent
        {
            CaseId = Id,
            TerritoryCode = TerritoryCode,
            At = now,
            ActorId = actorId,
            Kind = CaseEventKind.ReportAttached,
            ReportId = report.Id,
        };
        Events.Add(attached);
        return attached;
    }

    /// <summary>Moves the case to <paramref name="to"/>; every transition is explained by the person who makes it.</summary>
    public DomainError? Transition(CaseStatus to, string? reason, string actorId, DateTime now)
    {
        if (!Allowed[Status].Contains(to))
        {
            return new InvalidTransition(Status, to);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ReasonRequired();
        }

        if (reason.Length > MaxReasonLength)
        {
            return new ReasonTooLong(MaxReasonLength);
        }

        Events.Add(new CaseEvent
        {
            CaseId = Id,
            TerritoryCode = TerritoryCode,
            At = now,
            ActorId = actorId,
            Kind = CaseEventKind.StatusChanged,
            FromStatus = Status,
            ToStatus = to,
            Reason = reason.Trim(),
        });
        Status = to;
        UpdatedAt = now;
        return null;
    }

    /// <summary>
    /// Applies a decision in force to the case: follow-up or referral (status Followed, next review),
    /// closure (status Closed, no next review) or a transfer (the case is "in transfer" until the
    /// receiving panel accepts or refuses it). The decision must be effective (approved if it needed to be).
    /// </summary>
    public DomainError? ApplyDecision(PanelDecision decision, string actorId, DateTime now)
    {
        if (decision.CaseId != Id)
        {
            throw new ArgumentException("The decision is about another case.", nameof(decision));
        }

        if (decision.Status != DecisionStatus.Effective)
        {
            return new DecisionNotPending();
        }

        if (!IsOpen)
        {
            return new CaseNotOpen();
        }

        if (TransferTo is not null)
        {
            return new CaseInTransfer();
        }

        var from = Status;
        switch (decision.Type)
        {
            case DecisionType.Close:
                Status = CaseStatus.Closed;
                NextReviewOn = null;
                break;
            case DecisionType.Transfer:
                TransferTo = decision.TransferTo;
                NextReviewOn = decision.NextReviewOn;
                break;
            default:
                Status = CaseStatus.Followed;
                NextReviewOn = decision.NextReviewOn;
                FollowingService = decision.Type == DecisionType.KeepFollowed ? decision.FollowingService : FollowingService;
                break;
        }

        LastDecisionType = decision.Type;
        UpdatedAt = now;
        Events.Add(new CaseEvent
        {
            CaseId = Id,
            TerritoryCode = TerritoryCode,
            At = now,
            ActorId = actorId,
            Kind = decision.Type == DecisionType.Transfer ? CaseEventKind.TransferRequested : CaseEventKind.DecisionApplied,
            FromStatus = from,
            ToStatus = Status,
            Reason = decision.Rationale,
            DecisionId = decision.Id,
            Detail = decision.Type.ToString(),
        });
        return null;
    }

    /// <summary>
    /// The receiving panel accepts the transfer: the case (and the caller moves the person and the
    /// case's records) now belongs to that département, due for review by its panel at once.
    /// </summary>
    public DomainError? AcceptTransfer(CaseTransfer transfer, string actorId, DateTime now)
    {
        if (TransferTo is null || transfer.CaseId != Id || !string.Equals(transfer.ToTerritory, TransferTo, StringComparison.Ordinal))
        {
            return new TransferNotPending();
        }

        var from = TerritoryCode;
        var error = transfer.Settle(TransferStatus.Accepted, actorId, null, now);
        if (error is not null)
        {
            return error;
        }

        TerritoryCode = transfer.ToTerritory;
        TransferTo = null;
        NextReviewOn = DateOnly.FromDateTime(now);
        UpdatedAt = now;
        Events.Add(new CaseEvent
        {
            CaseId = Id,
            TerritoryCode = TerritoryCode,
            At = now,
            ActorId = actorId,
            Kind = CaseEventKind.TransferAccepted,
            Detail = from + ">" + TerritoryCode,
            TransferId = transfer.Id,
        });
        return null;
    }

    /// <summary>The receiving panel refuses the transfer (a reason is required): the case stays, due for review.</summary>
    public DomainError? RefuseTransfer(CaseTransfer transfer, string? reason, string actorId, DateTime now)
    {
        if (TransferTo is null || transfer.CaseId != Id)
        {
            return new TransferNotPending();
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ReasonRequired();
        }

        var error = transfer.Settle(TransferStatus.Refused, actorId, reason, now);
        if (error is not null)
        {
            return error;
        }

        TransferTo = null;
        NextReviewOn = DateOnly.FromDateTime(now);
        UpdatedAt = now;
        Events.Add(new CaseEvent
        {
            CaseId = Id,
            TerritoryCode = TerritoryCode,
            At = now,
            ActorId = actorId,
            Kind = CaseEventKind.TransferRefused,
            Reason = reason.Trim(),
            Detail = TerritoryCode + ">" + transfer.ToTerritory,
            TransferId = transfer.Id,
        });
        return null;
    }

    /// <summary>
    /// A review that keeps the current follow-up (a routine review or a campaign's required review):
    /// its rationale and the next review date.
    /// </summary>
    public DomainError? RecordReview(string? rationale, DateOnly? nextReviewOn, string actorId, DateTime now, Guid? campaignId = null)
    {
        if (!IsOpen)
        {
            return new CaseNotOpen();
        }

        if (TransferTo is not null)
        {
            return new CaseInTransfer();
        }

        if (string.IsNullOrWhiteSpace(rationale))
        {
            return new RationaleRequired();
        }

        if (rationale.Length > PanelDecision.MaxRationaleLength)
        {
            return new RationaleTooLong(PanelDecision.MaxRationaleLength);
        }

        var today = DateOnly.FromDateTime(now);
        if (nextReviewOn is null)
        {
            return new NextReviewRequired();
        }

        if (nextReviewOn.Value <= today)
        {
            return new NextReviewNotInFuture();
        }

        if (nextReviewOn.Value > today.AddMonths(PanelDecision.MaxReviewMonths))
        {
            return new NextReviewTooFar(PanelDecision.MaxReviewMonths);
        }

        NextReviewOn = nextReviewOn;
        UpdatedAt = now;
        Events.Add(new CaseEvent
        {
            CaseId = Id,
            TerritoryCode = TerritoryCode,
            At = now,
            ActorId = actorId,
            Kind = CaseEventKind.ReviewRecorded,
            Reason = rationale.Trim(),
            CampaignId = campaignId,
        });
        return null;
    }

    /// <summary>Adds a dated line to the timeline for something recorded elsewhere (an assessment).</summary>
    public CaseEvent Note(CaseEventKind kind, string actorId, DateTime now, Guid? assessmentId = null, string? detail = null)
    {
        var line = new CaseEvent
        {
            CaseId = Id,
            TerritoryCode = TerritoryCode,
            At = now,
            ActorId = actorId,
            Kind = kind,
            AssessmentId = assessmentId,
            Detail = detail,
        };
        Events.Add(line);
        return line;
    }
}
