namespace Passerelle.Domain;

/// <summary>One dated line of a case's timeline: who did what, when and why.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CaseId { get; init; }

    /// <summary>Copied from the case so the territory filter applies without a join (moved with the case on a transfer).</summary>
    public required string TerritoryCode { get; set; }

    public DateTime At { get; init; }

    public required string ActorId { get; init; }

    public CaseEventKind Kind { get; init; }

    public CaseStatus? FromStatus { get; init; }

    public CaseStatus? ToStatus { get; init; }

    public string? Reason { get; init; }

    public Guid? ReportId { get; init; }

    public Guid? DecisionId { get; init; }

    public Guid? AssessmentId { get; init; }

    public Guid? TransferId { get; init; }

    public Guid? CampaignId { get; init; }

    /// <summary>A short code-like detail (a decision type, "59>62" for a transfer); never free personal text.</summary>
    public string? Detail { get; init; }
}
