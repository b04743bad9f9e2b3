namespace Passerelle.Domain;

/// <summary>The follow-up of one person by the panel of a département, with an explicit status lifecycle.</summary>
public sealed class Case : IVersioned
{
    public const int MaxReasonLength = 2000;

    private static readonly Dictionary<CaseStatus, CaseStatus[]> Allowed = new()
    {
        [CaseStatus.Reported] = [CaseStatus.UnderAssessment, CaseStatus.Closed],
        [CaseStatus.UnderAssessment] = [CaseStatus.Followed, CaseStatus.Closed],
        [CaseStatus.Followed] = [CaseStatus.UnderAssessment, CaseStatus.Closed],
        [CaseStatus.Closed] = [CaseStatus.UnderAssessment, CaseStatus.Archived],
        [CaseStatus.Archived] = [],
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PersonId { get; init; }

    public Person? Person { get; init; }

    public required string TerritoryCode { get; init; }

    public CaseStatus Status { get; private set; } = CaseStatus.Reported;

    public DateTime OpenedAt { get; init; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; set; }

    public List<CaseEvent> Events { get; init; } = [];

    public bool IsOpen => Status is not (CaseStatus.Closed or CaseStatus.Archived);

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
}
