namespace Passerelle.Matching;

/// <summary>
/// An in-memory register index that changes record by record: Add, Update and Remove touch only
/// that record's blocking keys and name counts, so there is never a rebuild. Safe for concurrent
/// use (one lock; reads are short). The app keeps one per instance and feeds it from the shared
/// database; the parameters come from a trained <see cref="MatchModel"/>.
/// </summary>
/// <remarks>
/// Blocks follow the batch rules (<see cref="Blocking"/>): a block of more than
/// <see cref="Blocking.SplitAbove"/> records only yields the records that also share the
/// block's split attribute, so a query costs about the same in a register of a million as in
/// one of ten thousand.
/// </remarks>
/// <param name="model">Trained parameters (see <see cref="MatchModel.FromJson"/>).</param>
public sealed class PersonIndex(MatchModel model)
{
    private readonly Dictionary<string, int> slotOf = new(StringComparer.Ordinal);
    private readonly List<Slot> slots = [];
    private readonly Stack<int> freeSlots = new();
    private readonly Dictionary<ulong, List<int>> blocks = [];
    private readonly NameFrequencies frequencies = new();
    private readonly Lock gate = new();
    private int[] stamp = [];
    private int query;

    /// <summary>Records in the index.</summary>
    public int Count
    {
        get
        {
            lock (gate) return slotOf.Count;
        }
    }

    /// <summary>Adds a record, or replaces the record with the same id.</summary>
    public void AddOrUpdate(MatchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var prepared = new PreparedRecord(record);
        var keys = Blocking.Hashes(prepared);
        var split = Split.Of(prepared);
        lock (gate)
        {
            RemoveLocked(record.Id);
            var slot = freeSlots.Count > 0 ? freeSlots.Pop() : slots.Count;
            var entry = new Slot(record.Id, prepared, keys, split);
            if (slot == slots.Count) slots.Add(entry);
            else slots[slot] = entry;
            slotOf[record.Id] = slot;
            frequencies.Add(prepared, 1);
            foreach (var key in keys.Hashes)
            {
                if (!blocks.TryGetValue(key, out var members)) blocks[key] = members = [];
                members.Add(slot);
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
        if (!slotOf.Remove(id, out var slot)) return false;
        var old = slots[slot];
        frequencies.Add(old.Record, -1);
        foreach (var key in old.Keys.Hashes)
        {
            if (!blocks.TryGetValue(key, out var members)) continue;
            var at = members.LastIndexOf(slot);
            if (at >= 0)
            {
                members[at] = members[^1];
                members.RemoveAt(members.Count - 1);
            }
            if (members.Count == 0) blocks.Remove(key);
        }
        slots[slot] = default;
        freeSlots.Push(slot);
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
        var keys = Blocking.Hashes(prepared);
        var split = Split.Of(prepared);
        var found = new List<(string Id, PreparedRecord Record, double Probability)>();
        MatchResult[] explained;
        lock (gate)
        {
            var prior = model.PriorLog2Odds(slotOf.Count + 1);
            if (stamp.Length < slots.Count) stamp = new int[Math.Max(slots.Count, stamp.Length * 2)];
            if (++query == int.MaxValue)
            {
                Array.Clear(stamp);
                query = 1;
            }
            for (var k = 0; k < keys.Hashes.Length; k++)
            {
                if (!blocks.TryGetValue(keys.Hashes[k], out var members)) continue;
                var limit = Blocking.SplitAbove(keys.Hashes[k], slotOf.Count);
                if (members.Count <= limit)
                {
                    foreach (var slot in members) Consider(slot);
                    continue;
                }
                // An oversized block: only its part that shares the split attribute, and only
                // when that part is small enough (as in batch blocking).
                var wanted = keys.Secondary[k];
                var field = Blocking.SplitFamilyOf(keys.Kinds[k]);
                var inPart = 0;
                foreach (var slot in members)
                    if (slots[slot].Split.Get(field) == wanted) inPart++;
                if (inPart > limit) continue;
                foreach (var slot in members)
                    if (slots[slot].Split.Get(field) == wanted) Consider(slot);
            }

            // Only the candidates shown get an explanation.
            found.Sort((x, y) =>
            {
                var c = y.Probability.CompareTo(x.Probability);
                return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
            });
            if (found.Count > max) found.RemoveRange(max, found.Count - max);
            explained = found.Select(c => model.Score(prepared, c.Record, prior, frequencies, explain: true)).ToArray();

            void Consider(int slot)
            {
                if (stamp[slot] == query) return;
                stamp[slot] = query;
                var entry = slots[slot];
                if (string.Equals(entry.Id, record.Id, StringComparison.Ordinal)) return;
                var probability = model.Score(prepared, entry.Record, prior, frequencies, explain: false).Probability;
                if (probability >= minProbability) found.Add((entry.Id, entry.Record, probability));
            }
        }
        return found.Select((c, i) => new MatchCandidate(c.Id, explained[i])).ToArray();
    }

    private readonly record struct Slot(string Id, PreparedRecord Record, KeySet Keys, Split Split);

    /// <summary>A record's split attributes, one per family (see <see cref="Blocking.SplitFamilyOf"/>).</summary>
    private readonly record struct Split(uint Year, uint Day, uint Initials)
    {
        public static Split Of(PreparedRecord r) => new(Blocking.SplitValue(0, r), Blocking.SplitValue(1, r), Blocking.SplitValue(2, r));

        public uint Get(int family) => family switch
        {
            0 => Year,
            1 => Day,
            _ => Initials,
        };
    }
}
