using System.Globalization;

namespace Passerelle.Matching;

/// <summary>Batch entry points: de-duplicate one list, or link two lists.</summary>
public static class MatchEngine
{
    // Clusters bigger than this are not checked pair by pair (cost grows as the product of sizes).
    private const int MaxLinkageCheck = 2500;

    /// <summary>
    /// Groups the records that describe the same person. Candidate pairs at or above the
    /// threshold are merged best-first, but two groups are joined only when the average match
    /// probability over all their cross pairs also reaches the threshold (average linkage).
    /// Plain connected components would chain A–B–C into one person even when A and C are
    /// clearly different (a brother linked through an ambiguous record); the average check
    /// stops that.
    /// </summary>
    /// <param name="records">Records; ids should be unique.</param>
    /// <param name="model">Parameters; when null a model is trained on these records (unsupervised).</param>
    /// <param name="threshold">Acceptance probability.</param>
    public static DedupeResult Deduplicate(IReadOnlyList<MatchRecord> records, MatchModel? model = null, double threshold = MatchModel.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(records);
        var prepared = records.Select(r => new PreparedRecord(r)).ToArray();
        var pairs = Blocking.DedupePairs(prepared);
        model ??= MatchModel.Train(prepared, pairs);
        var frequencies = new NameFrequencies();
        foreach (var r in prepared) frequencies.Add(r, 1);
        var prior = model.PriorLog2Odds(prepared.Length);

        // Scoring is read-only on the model and the frequencies: spread the pairs over every core.
        var probability = new double[pairs.Count];
        Parallel.For(0, pairs.Count, k => probability[k] = model.Score(prepared[pairs[k].Left], prepared[pairs[k].Right], prior, frequencies, explain: false).Probability);
        var accepted = new List<(int I, int J, double P)>();
        for (var k = 0; k < pairs.Count; k++)
        {
            if (probability[k] >= threshold) accepted.Add((pairs[k].Left, pairs[k].Right, probability[k]));
        }
        accepted.Sort((x, y) => y.P.CompareTo(x.P));

        var clusterOf = Enumerable.Range(0, prepared.Length).ToArray();
        var members = prepared.Select((_, i) => new List<int> { i }).ToArray();
        foreach (var (i, j, _) in accepted)
        {
            var (ci, cj) = (clusterOf[i], clusterOf[j]);
            if (ci == cj) continue;
            var (a, b) = (members[ci], members[cj]);
            if (a.Count * b.Count > 1 && a.Count * b.Count <= MaxLinkageCheck)
            {
                var sum = 0.0;
                foreach (var x in a)
                    foreach (var y in b) sum += model.Score(prepared[x], prepared[y], prior, frequencies, explain: false).Probability;
                if (sum / (a.Count * b.Count) < threshold) continue;
            }
            var (keep, drop) = a.Count >= b.Count ? (ci, cj) : (cj, ci);
            foreach (var x in members[drop]) clusterOf[x] = keep;
            members[keep].AddRange(members[drop]);
            members[drop].Clear();
        }
        // Cluster id = id of the cluster's first record in input order: stable and readable.
        var ids = clusterOf.Select(c => records[members[c].Min()].Id).ToArray();
        var n = (long)prepared.Length;
        return new DedupeResult(ids, new MatchStatistics(prepared.Length, pairs.Count, n * (n - 1) / 2, accepted.Count));
    }

    /// <summary>
    /// Links two lists: every cross pair at or above the threshold, best first. A left record may
    /// link to several right records (the right list may hold duplicates).
    /// </summary>
    public static LinkResult Link(IReadOnlyList<MatchRecord> left, IReadOnlyList<MatchRecord> right, MatchModel? model = null, double threshold = MatchModel.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var l = left.Select(r => new PreparedRecord(r)).ToArray();
        var r = right.Select(x => new PreparedRecord(x)).ToArray();
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
        var accepted = new List<LinkedPair>();
        foreach (var (i, j) in pairs)
        {
            var p = model.Score(l[i], r[j], prior, frequencies, explain: false).Probability;
            if (p >= threshold) accepted.Add(new LinkedPair(left[i].Id, right[j].Id, p));
        }
        accepted.Sort((x, y) => y.Probability.CompareTo(x.Probability));
        return new LinkResult(accepted, new MatchStatistics(l.Length + r.Length, pairs.Count, (long)l.Length * r.Length, accepted.Count));
    }

    /// <summary>Formats a probability for CSV output with invariant culture.</summary>
    public static string FormatProbability(double probability) => probability.ToString("0.######", CultureInfo.InvariantCulture);
}
