namespace Passerelle.Domain;

/// <summary>
/// An imminent-danger report raises an alert to its département's duty contact at once (a message in
/// the outbox, written in the report's transaction) and stays on the panel's triage queue until a
/// member acknowledges it.
/// </summary>
public sealed class DutyAlert : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ReportId { get; init; }

    public required string TerritoryCode { get; init; }

    public DateTime RaisedAt { get; init; }

    public DateTime? AcknowledgedAt { get; set; }

    public string? AcknowledgedById { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A family's referral to its département's prevention and family-support unit (CPRAF), offered by the
/// hotline operator and recorded only with the family's consent. The unit's care workers see it.
/// </summary>
public sealed class FamilyReferral : IVersioned
{
    public const int MaxNoteLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The report it came from (kept as a plain id: the referral outlives a report closed as not pursued).</summary>
    public Guid? ReportId { get; init; }

    public required string TerritoryCode { get; init; }

    public required string ContactName { get; init; }

    public required string Contact { get; init; }

    /// <summary>The caller's relation to the person (<see cref="CallerRelations"/>).</summary>
    public string? Relation { get; init; }

    public DateTime ConsentRecordedAt { get; init; }

    public required string RecordedById { get; init; }

    public string? Note { get; init; }

    public FamilyReferralStatus Status { get; set; } = FamilyReferralStatus.Open;

    public DateTime? ContactedAt { get; set; }

    public string? ContactedById { get; set; }

    public int Version { get; set; }
}

public enum FamilyReferralStatus
{
    Open = 1,
    Contacted = 2,
    Declined = 3,
}
