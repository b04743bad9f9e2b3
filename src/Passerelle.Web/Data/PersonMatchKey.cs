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
