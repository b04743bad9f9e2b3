namespace Passerelle.Matching;

/// <summary>
/// An in-memory register index that changes record by record: Add, Update and Remove touch only
/// that record's blocking keys and name counts, so there is never a rebuild. Safe for concurrent
/// use (one lock; reads are short). The app keeps one per instance and feeds it from the shared
/// database; the parameters come from a trained <see cref="MatchModel"/>.
/// </summary>
/// <param name="model">Trained parameters (see <see cref="MatchModel.FromJson"/>).</param>
public sealed class PersonIndex(MatchModel model)
{
    private readonly Dictionary<string, PreparedRecord> records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> blocks = new(StringComparer.Ordinal);
    private readonly NameFrequencies frequencies = new();
    private readonly Lock gate = new();

    /// <summary>Records in the index.</summary>
    public int Count
    {
        get
        {
            lock (gate) return records.Count;
        }
    }

    /// <summary>Adds a record, or replaces the record with the same id.</summary>
    public void AddOrUpdate(MatchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var prepared = new PreparedRecord(record);
        lock (gate)
        {
            RemoveLocked(record.Id);
            records[record.Id] = prepared;
            frequencies.Add(prepared, 1);
            foreach (var key in Blocking.Keys(prepared))
            {
                if (!blocks.TryGetValue(key, out var ids)) blocks[key] = ids = new HashSet<string>(StringComparer.Ordinal);
                ids.Add(record.Id);
            }
        }
    }

    /// <summary>Removes a record; returns false when it was not there.</summary>
    public bool Remove(string id)
    {
        lock (gate) return RemoveLocked(id);
    }

    private bool RemoveLocked(string id)
    {
        if (!records.Remove(id, out var old)) return false;
        frequencies.Add(old, -1);
        foreach (var key in Blocking.Keys(old))
        {
            if (!blocks.TryGetValue(key, out var ids)) continue;
            ids.Remove(id);
            if (ids.Count == 0) blocks.Remove(key);
        }
        return true;
    }

    /// <summary>
    /// Register records that may be the same person as <paramref name="record"/>, best first,
    /// with probability and per-field explanation. A record with the same id is skipped.
    /// </summary>
    /// <param name="record">The incoming record.</param>
    /// <param name="max">Maximum number of candidates.</param>
    /// <param name="minProbability">Lowest probability returned (defaults to the acceptance threshold).</param>
    public IReadOnlyList<MatchCandidate> FindCandidates(MatchRecord record, int max = 10, double minProbability = MatchModel.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(record);
        var prepared = new PreparedRecord(record);
        var results = new List<MatchCandidate>();
        lock (gate)
        {
            var prior = model.PriorLog2Odds(records.Count + 1);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in Blocking.Keys(prepared))
            {
                if (!blocks.TryGetValue(key, out var ids) || ids.Count > Blocking.MaxBlockSize) continue;
                foreach (var id in ids)
                {
                    if (string.Equals(id, record.Id, StringComparison.Ordinal) || !seen.Add(id)) continue;
                    var result = model.Score(prepared, records[id], prior, frequencies, explain: true);
                    if (result.Probability >= minProbability) results.Add(new MatchCandidate(id, result));
                }
            }
        }
        return results.OrderByDescending(c => c.Result.Probability).ThenBy(c => c.Id, StringComparer.Ordinal).Take(max).ToArray();
    }
}
