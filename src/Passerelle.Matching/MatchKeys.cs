namespace Passerelle.Matching;

/// <summary>
/// The blocking keys of a record, for callers that keep them in their own store (the app keeps
/// them in the shared database so that every instance sees a new person at once). Two records
/// are worth comparing when they share at least one key.
/// </summary>
public static class MatchKeys
{
    /// <summary>Keys shared by more records than this carry no signal; callers may skip them.</summary>
    public const int MaxBlockSize = Blocking.MaxBlockSize;

    /// <summary>The record's distinct blocking keys (each at most a few dozen characters).</summary>
    public static IReadOnlyList<string> For(MatchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return [.. Blocking.Keys(new PreparedRecord(record))];
    }
}
