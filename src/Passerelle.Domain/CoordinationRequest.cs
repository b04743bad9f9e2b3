namespace Passerelle.Domain;

/// <summary>
/// A panel's request to another département's panel, sent when the candidate search found a
/// possible match there that the sender may not read. The sender knows only the person as they
/// described it and the département code; the receiving panel sees the description and the
/// persons of its own register the search matched, and answers. Content of the other register
/// never travels back: the answer is a free-text message from one panel to the other.
/// </summary>
public sealed class CoordinationRequest : IVersioned
{
    public const int MaxMessageLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string FromTerritoryCode { get; init; }

    public required string ToTerritoryCode { get; init; }

    public required string RequestedById { get; init; }

    public DateTime RequestedAt { get; init; }

    /// <summary>The person as the sender described it (their own data, nothing from the other register).</summary>
    public required string GivenName { get; init; }

    public required string Surname { get; init; }

    public int? BirthYear { get; init; }

    public int? BirthMonth { get; init; }

    public int? BirthDay { get; init; }

    public string? Message { get; init; }

    /// <summary>Persons of the receiving register the search matched, comma-separated ids; shown only through the receiver's filtered queries.</summary>
    public string MatchedPersonIds { get; init; } = string.Empty;

    public CoordinationStatus Status { get; set; }

    public string? Answer { get; set; }

    public string? AnsweredById { get; set; }

    public DateTime? AnsweredAt { get; set; }

    public int Version { get; set; }

    public PartialDate? DateOfBirth => PartialDate.FromParts(BirthYear, BirthMonth, BirthDay);
}

public enum CoordinationStatus
{
    /// <summary>Sent, waiting for the receiving panel.</summary>
    Open,

    /// <summary>The receiving panel answered.</summary>
    Answered,
}
