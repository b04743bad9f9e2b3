namespace Passerelle.Web.Data;

/// <summary>
/// One blocking key of a person of the register (<c>Passerelle.Matching.MatchKeys</c>). Kept in the
/// shared database, not in a process, so that a person recorded through one app instance is found
/// by a match run on another at once. It holds keys only: no query filter, the candidate search
/// applies the access rules to what it finds.
/// </summary>
internal sealed class PersonMatchKey
{
    public const int MaxKeyLength = 200;

    public Guid PersonId { get; init; }

    public required string Key { get; init; }
}

/// <summary>
/// The key scheme (<c>Passerelle.Matching.MatchKeys.Scheme</c>) that every person's keys in
/// <c>person_match_keys</c> were made with, one row. When an engine upgrade changes the scheme, the
/// first instance to start re-indexes the register (<see cref="Features.Reports.MatchReindex"/>)
/// and records the new scheme here; until then old keys still find what they found before.
/// </summary>
internal sealed class MatchIndexState
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;

    public required string Scheme { get; set; }

    public DateTime IndexedAt { get; set; }
}
