using System.Globalization;

namespace Passerelle.Matching;

/// <summary>Batch entry points: de-duplicate one list, or link two lists.</summary>
public static class MatchEngine
{
    // Clusters bigger than this are not checked pair by pair (cost grows as the product of sizes).
    private const int MaxLinkageCheck = 2500;

    /// <summary>
    /// Two groups are never joined when one cross pair has log2 odds under this (about one in a
    /// million): such a pair is two people by the model's own evidence, typically a veto (given
    /// names that share nothing, a generation apart, Jr / Sr). Average linkage alone would let
    /// two records without a date (John Smith, same address) pull a father and his son together.
    /// </summary>
    internal const double CannotLinkBits = -20;

    /// <summary>
    /// An undated record that fits two people whom their dates of birth keep apart (a John Smith
    /// at the address of a John Smith born in 1970 and of his son born in 1990) is ambiguous when
    /// its fit to the second is within this many bits (a factor of 16) of its fit to the first: it
    /// joins neither, and a person decides.
    /// </summary>
    internal const double AmbiguityBits = 4;

    /// <summary>
    /// Groups the records that describe the same person. Candidate pairs at or above the
    /// threshold are merged best-first, but two groups are joined only when the average match
    /// probability over all their cross pairs also reaches the threshold (average linkage).
    /// Plain connected components would chain A–B–C into one person even when A and C are
    /// clearly different (a brother linked through an ambiguous record); the average check
    /// stops that, and a cross pair that the evidence says are two people
    /// (<see cref="CannotLinkBits"/>) forbids the join whatever the average. An undated record
    /// that fits two such people about equally well, kept apart by their dates, joins neither
    /// (<see cref="AmbiguityBits"/>).
    /// </summary>
    /// <param name="records">Records; ids should be unique.</param>
    /// <param name="model">Parameters; when null a model is trained on these records (unsupervised).</param>
    /// <param name="threshold">Acceptance probability.</param>
    public static DedupeResult Deduplicate(IReadOnlyList<MatchRecord> records, MatchModel? model = null, double threshold = MatchModel.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(records);
        var prepared = Prepare(records);
        var pairs = Blocking.DedupePairs(prepared);
        model ??= MatchModel.Train(prepared, pairs);
        var frequencies = new NameFrequencies();
        foreach (var r in prepared) frequencies.Add(r, 1);
        var prior = model.PriorLog2Odds(prepared.Length);

        // Scoring is read-only on the model and the frequencies: spread the pairs over every core.
        var accepted = ScorePairs(pairs, (i, j) => model.Score(prepared[i], prepared[j], prior, frequencies, explain: false).Probability, threshold);

        // Best first; equal probabilities in pair order, so that a run does not depend on threads.
        accepted.Sort((x, y) =>
        {
            var c = y.P.CompareTo(x.P);
            if (c != 0) return c;
            c = x.I.CompareTo(y.I);
            return c != 0 ? c : x.J.CompareTo(y.J);
        });

        // Every record's accepted partners (compressed rows), for the ambiguity check.
        var start = new int[prepared.Length + 1];
        foreach (var (i, j, _) in accepted)
        {
            start[i + 1]++;
            start[j + 1]++;
        }
        for (var i = 0; i < prepared.Length; i++) start[i + 1] += start[i];
        var partner = new int[start[^1]];
        var partnerP = new double[start[^1]];
        var fill = start[..^1].ToArray();
        foreach (var (i, j, p) in accepted)
        {
            (partner[fill[i]], partnerP[fill[i]++]) = (j, p);
            (partner[fill[j]], partnerP[fill[j]++]) = (i, p);
        }

        var clusterOf = new int[prepared.Length];
        for (var i = 0; i < clusterOf.Length; i++) clusterOf[i] = i;
        var members = new List<int>?[prepared.Length]; // null: the record alone
        foreach (var (i, j, p) in accepted)
        {
            var (ci, cj) = (clusterOf[i], clusterOf[j]);
            if (ci == cj) continue;
            if (Ambiguous(i, j, p) || Ambiguous(j, i, p)) continue;
            var a = members[ci] ??= [ci];
            var b = members[cj] ??= [cj];
            if (a.Count * b.Count > 1 && a.Count * b.Count <= MaxLinkageCheck)
            {
                var sum = 0.0;
                var counted = 0;
                var cannotLink = false;
                foreach (var x in a)
                {
                    foreach (var y in b)
                    {
                        var result = model.Score(prepared[x], prepared[y], prior, frequencies, explain: false);
                        if (result.MatchWeight < CannotLinkBits)
                        {
                            // Excused (see Excused): neither a veto nor a vote.
                            if (Excused(x, a, y) || Excused(y, b, x) || Excused(y, a, x) || Excused(x, b, y)) continue;
                            cannotLink = true;
                        }
                        sum += result.Probability;
                        counted++;
                    }
                }
                if (cannotLink || counted == 0 || sum / counted < threshold) continue;
            }
            var (keep, drop) = a.Count >= b.Count ? (ci, cj) : (cj, ci);
            foreach (var x in members[drop]!) clusterOf[x] = keep;
            members[keep]!.AddRange(members[drop]!);
            members[drop]!.Clear();
        }
        // Cluster id = id of the cluster's first record in input order: stable and readable.
        var firstOf = new int[prepared.Length];
        Array.Fill(firstOf, int.MaxValue);
        for (var i = 0; i < clusterOf.Length; i++) firstOf[clusterOf[i]] = Math.Min(firstOf[clusterOf[i]], i);
        var ids = new string[prepared.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = records[firstOf[clusterOf[i]]].Id;
        var n = (long)prepared.Length;
        return new DedupeResult(ids, new MatchStatistics(prepared.Length, pairs.Count, n * (n - 1) / 2, accepted.Count));

        // y, undated, fits x, but fits about as well (within AmbiguityBits) another record k, not
        // yet in either group, whose date of birth is what surely tells it from x (a generation
        // apart): y cannot say which of the two it is.
        bool Ambiguous(int x, int y, double p)
        {
            if (prepared[y].DateOfBirth is not null || prepared[x].DateOfBirth is null) return false;
            var floor = LogOdds(p) - AmbiguityBits;
            for (var e = start[y]; e < start[y + 1]; e++)
            {
                var k = partner[e];
                if (k == x || prepared[k].DateOfBirth is null || clusterOf[k] == clusterOf[x] || clusterOf[k] == clusterOf[y] || LogOdds(partnerP[e]) < floor) continue;
                var conflict = model.Score(prepared[x], prepared[k], prior, frequencies, explain: true);
                if (conflict.MatchWeight < CannotLinkBits && conflict.Evidence.MinBy(f => f.Log2BayesFactor)!.Field == MatchField.DateOfBirth) return true;
            }
            return false;
        }

        // A member x whose tie to its own group is an identity number that overrode a veto
        // against another member z (a replaced given name, a date a generation off), while the
        // newcomer y is z by the evidence: x's veto against y is about the very field the number
        // already overrode, so it neither forbids the join nor counts in the average, which the
        // other cross pairs still have to bring to the threshold. A twin with another number is
        // never z by the evidence, so its vetoes stand. The group searched is either side's: the
        // newcomer's number may be the one that overrode a member's veto (Excused(y, a, x): y is
        // tied by its number to z in x's group, and x is z by the evidence), and the other way.
        bool Excused(int x, List<int> group, int y)
        {
            if (prepared[x].Identifiers.Length == 0) return false;
            foreach (var z in group)
            {
                if (z != x && z != y && prepared[z].Identifiers.Length > 0
                    && model.Score(prepared[x], prepared[z], prior, frequencies, explain: false).VetoLifted
                    && model.Score(prepared[z], prepared[y], prior, frequencies, explain: false).Probability >= threshold) return true;
            }
            return false;
        }
    }

    private static double LogOdds(double p) => Math.Log2(Math.Max(p, 1e-12) / Math.Max(1 - p, 1e-12));

    // Normalising is independent per record: every core takes a share.
    private static PreparedRecord[] Prepare(IReadOnlyList<MatchRecord> records)
    {
        var prepared = new PreparedRecord[records.Count];
        Parallel.For(0, records.Count, i => prepared[i] = new PreparedRecord(records[i]));
        return prepared;
    }

    // Pairs at or above the threshold, each chunk of pairs on a core, results in pair order.
    private static List<(int I, int J, double P)> ScorePairs(PairList pairs, Func<int, int, double> probability, double threshold)
    {
        var parts = pairs.Parts;
        var found = new List<(int I, int J, double P)>[parts.Count];
        Parallel.For(0, parts.Count, p =>
        {
            var list = new List<(int I, int J, double P)>();
            foreach (var packed in parts[p])
            {
                var (i, j) = ((int)(packed >> 32), (int)packed);
                var value = probability(i, j);
                if (value >= threshold) list.Add((i, j, value));
            }
            found[p] = list;
        });
        var accepted = new List<(int I, int J, double P)>(found.Sum(f => f.Count));
        foreach (var f in found) accepted.AddRange(f);
        return accepted;
    }

    /// <summary>
    /// Links two lists: every cross pair at or above the threshold, best first. A left record may
    /// link to several right records (the right list may hold duplicates).
    /// </summary>
    public static LinkResult Link(IReadOnlyList<MatchRecord> left, IReadOnlyList<MatchRecord> right, MatchModel? model = null, double threshold = MatchModel.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var l = Prepare(left);
        var r = Prepare(right);
        var pairs = Blocking.LinkPairs(l, r);
        if (model is null)
        {
            var all = l.Concat(r).ToArray();
            model = MatchModel.Train(all, Blocking.DedupePairs(all));
        }
        var frequencies = new NameFrequencies();
        foreach (var x in l.Concat(r)) frequencies.Add(x, 1);
        // Each left record has at most one or a few true partners among the right list.
        var prior = model.PriorLog2Odds(Math.Max(r.Length, 2));
        var scored = ScorePairs(pairs, (i, j) => model.Score(l[i], r[j], prior, frequencies, explain: false).Probability, threshold);
        // Best first; equal probabilities in pair order (stable sort).
        var accepted = scored.OrderByDescending(x => x.P).Select(x => new LinkedPair(left[x.I].Id, right[x.J].Id, x.P)).ToList();
        return new LinkResult(accepted, new MatchStatistics(l.Length + r.Length, pairs.Count, (long)l.Length * r.Length, accepted.Count));
    }

    /// <summary>Formats a probability for CSV output with invariant culture.</summary>
    public static string FormatProbability(double probability) => probability.ToString("0.######", CultureInfo.InvariantCulture);
}
