namespace Passerelle.Domain;

public enum TransferStatus
{
    /// <summary>Approved by the sending panel's chair; waiting for the receiving panel. Both see the case "in transfer".</summary>
    Pending = 1,

    Accepted = 2,

    Refused = 3,
}

/// <summary>
/// A case's transfer from one département's panel to another's. Until the receiving panel accepts it,
/// that panel sees only this summary (who, why), not the file; on acceptance the case, its person and
/// their records move to the receiving département.
/// </summary>
public sealed class CaseTransfer : IVersioned
{
    public const int MaxSummaryLength = 4000;
    public const int MaxLabelLength = 300;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CaseId { get; init; }

    public Guid PersonId { get; init; }

    public required string FromTerritory { get; init; }

    public required string ToTerritory { get; init; }

    /// <summary>The approved transfer decision of the sending panel.</summary>
    public Guid DecisionId { get; init; }

    /// <summary>Who is transferred, as the receiving panel needs it to accept: name and year of birth.</summary>
    public required string PersonLabel { get; init; }

    /// <summary>The sending panel's rationale.</summary>
    public required string Summary { get; init; }

    public DateTime RequestedAt { get; init; }

    public required string RequestedById { get; init; }

    public TransferStatus Status { get; private set; } = TransferStatus.Pending;

    public string? SettledById { get; private set; }

    public DateTime? SettledAt { get; private set; }

    /// <summary>The receiving panel's reason for a refusal.</summary>
    public string? Note { get; private set; }

    public int Version { get; set; }

    internal DomainError? Settle(TransferStatus outcome, string actorId, string? note, DateTime now)
    {
        if (Status != TransferStatus.Pending)
        {
            return new TransferNotPending();
        }

        if (note is { Length: > MaxSummaryLength })
        {
            return new ReasonTooLong(MaxSummaryLength);
        }

        Status = outcome;
        SettledById = actorId;
        SettledAt = now;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }
}

public sealed record TransferNotPending() : DomainError("transfer.not-pending");
