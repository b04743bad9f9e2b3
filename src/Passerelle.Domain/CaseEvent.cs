namespace Passerelle.Domain;

/// <summary>One dated line of a case's timeline: who did what, when and why.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CaseId { get; init; }

    /// <summary>Copied from the case so the territory filter applies without a join.</summary>
    public required string TerritoryCode { get; init; }

    public DateTime At { get; init; }

    public required string ActorId { get; init; }

    public CaseEventKind Kind { get; init; }

    public CaseStatus? FromStatus { get; init; }

    public CaseStatus? ToStatus { get; init; }

    public string? Reason { get; init; }

    public Guid? ReportId { get; init; }
}
