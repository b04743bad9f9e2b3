using System.Text.Json;

namespace Passerelle.Matching;

/// <summary>
/// A Fellegi–Sunter model: for each field and agreement level, m = P(level | same person) and
/// u = P(level | different people); a pair's evidence is the sum of log2(m/u) over fields,
/// added to the prior log-odds. m is estimated by EM on blocked pairs (no labels needed), u by
/// counting levels over random pairs, as Splink does. Exact name agreement is adjusted by the
/// name's frequency (a rare surname agreeing says more than a common one).
/// </summary>
public sealed class MatchModel
{
    /// <summary>
    /// The one default acceptance threshold, fixed before any measurement: a pair is accepted
    /// when a match is more probable than not. No per-dataset tuning; users always decide in
    /// the product, so this only orders and filters candidates and drives batch dedupe.
    /// </summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>
    /// Given names that share nothing (no spelling, key, token or initial agreement) weigh at
    /// most this much. The independence assumption cannot see that siblings and twins share
    /// surname, address, birthplace and even date of birth together, and benchmark data holds no
    /// such pairs for EM to learn from; a false merge attaches a stranger to a file, so a clear
    /// given-name disagreement acts as a veto. A user can still attach records by hand.
    /// </summary>
    internal const double GivenNameDisagreementBits = -30;

    /// <summary>
    /// Dates of birth a generation apart (at least <see cref="Comparator.GenerationYears"/> years,
    /// not explained by a digit typo or a day/month swap), or generational suffixes that differ
    /// (Jr / Sr, II / III), weigh at most this much: a father and a son of the same name at one
    /// address share every other field, and no independent field can tell them apart. Like the
    /// given-name veto, it costs recall on generators that replace a whole date in true
    /// duplicates (FEBRL: about 4 % of its true pairs); a user can still attach records by hand.
    /// </summary>
    internal const double GenerationGapBits = -30;

    /// <summary>
    /// A recorded sex that differs weighs at least this much against; with given names that are
    /// not identical (Jean / Jeanne, Louis / Louise, Mark / Marsha) it is a veto like
    /// <see cref="GivenNameDisagreementBits"/>: twins of opposite sex are often named alike, and a
    /// slip in the sex field seldom comes with another spelling of the given name.
    /// </summary>
    internal const double SexDisagreementBits = -8;

    /// <summary>
    /// Surname, birthplace, address and postcode are shared by a whole household: together they
    /// count at most this many bits, about the size of the prior against a match in a register
    /// of a thousand people, so a household alone never reaches the threshold and the person's
    /// own fields (given name, date of birth, sex) must tip the balance.
    /// </summary>
    internal const double HouseholdCapBits = 10;

    /// <summary>
    /// An identity number carried by more records than this is a filler or a service's own number,
    /// not a person's: where it agrees it counts as missing, and lifts no veto.
    /// </summary>
    internal const int MaxRecordsPerNumber = 20;

    /// <summary>Below this many records EM has too few pairs to be trusted and the default parameters are used.</summary>
    internal const int MinTrainingRecords = 500;

    /// <summary>Priors use at least this population so that tiny inputs do not get overconfident priors.</summary>
    internal const int MinPopulation = 1000;

    private const int TrainingPairCap = 2_000_000;
    private const int RandomPairSamples = 300_000;
    private const double Floor = 1e-6;

    // Surname, birthplace, address, postcode, a family e-mail and a landline are shared by a
    // household (an office's e-mail by a whole staff).
    private static readonly int[] HouseholdFields = [1, 3, 4, 5, 8, 9];

    private const int IdentifierField = 7;

    private readonly double[][] m;
    private readonly double[][] u;
    private readonly double[][] weights;

    internal MatchModel(double[][] m, double[][] u, double expectedMatchesPerRecord)
    {
        this.m = m;
        this.u = u;
        ExpectedMatchesPerRecord = expectedMatchesPerRecord;
        weights = new double[Comparator.FieldCount][];
        for (var f = 0; f < Comparator.FieldCount; f++)
        {
            weights[f] = new double[m[f].Length];
            for (var l = 0; l < m[f].Length; l++) weights[f][l] = Math.Log2(Math.Max(m[f][l], Floor) / Math.Max(u[f][l], Floor));
        }
    }

    /// <summary>
    /// False only in measurements that show what the given-name veto costs on benchmarks whose
    /// generator replaces given names in true duplicates (FEBRL); never in the product.
    /// </summary>
    internal bool GivenNameVeto { get; init; } = true;

    /// <summary>Copies parameters (used to vary internal policies in measurements).</summary>
    internal MatchModel(MatchModel other)
        : this(other.m, other.u, other.ExpectedMatchesPerRecord)
    {
    }

    /// <summary>Expected number of other records of the same person per record, which sets the prior.</summary>
    public double ExpectedMatchesPerRecord { get; }

    /// <summary>Hand-set parameters for use before any training (e.g. an empty register).</summary>
    public static MatchModel Default { get; } = new(
        Normalised(
        [
            [0.85, 0.07, 0.04, 0.025, 0.015],
            [0.85, 0.07, 0.04, 0.02, 0.02],
            [0.85, 0.05, 0.05, 0.01, 0.01, 0.01, 0.01, 0.005, 0.003, 0.002],
            [0.85, 0.08, 0.07],
            [0.6, 0.15, 0.1, 0.15],
            [0.7, 0.1, 0.2],
            [0.98, 0.02],
            [0.9, 0.05, 0.05],
            [0.7, 0.1, 0.2],
            [0.6, 0.4],
        ]),
        Normalised(
        [
            [0.01, 0.005, 0.01, 0.05, 0.925],
            [0.003, 0.003, 0.01, 0.04, 0.944],
            [5e-5, 0.004, 5e-4, 5e-5, 3e-4, 0.002, 0.02, 0.15, 0.15, 0.67],
            [0.02, 0.02, 0.96],
            [1e-4, 5e-4, 0.02, 0.98],
            [0.002, 0.02, 0.978],
            [0.5, 0.5],
            [1e-6, 1e-5, 0.99999],
            [1e-5, 1e-3, 0.999],
            [1e-4, 0.9999],
        ]),
        1.0);

    /// <summary>
    /// Trains a model on unlabelled records: u from random pairs, m and the prior by EM over the
    /// blocked candidate pairs. Deterministic (fixed seed).
    /// </summary>
    public static MatchModel Train(IReadOnlyList<MatchRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var prepared = records.Select(r => new PreparedRecord(r)).ToArray();
        return Train(prepared, Blocking.DedupePairs(prepared));
    }

    internal static MatchModel Train(IReadOnlyList<PreparedRecord> records, IReadOnlyList<(int Left, int Right)> pairs)
    {
        if (records.Count < MinTrainingRecords || pairs.Count == 0) return Default;
        var random = new Random(20261122);
        var u = RandomPairLevels(records, random);

        // Comparison vectors are discrete, so EM runs over distinct patterns with counts. Counting the
        // patterns of the sampled pairs is the costly part: spread it over every core, one table per chunk.
        var step = pairs.Count > TrainingPairCap ? (double)pairs.Count / TrainingPairCap : 1.0;
        var samples = (int)Math.Ceiling(pairs.Count / step);
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, samples / 10_000));
        var partial = new Dictionary<long, double>[chunks];
        Parallel.For(0, chunks, c =>
        {
            var counts = new Dictionary<long, double>();
            Span<int> lv = stackalloc int[Comparator.FieldCount];
            var from = (int)((long)samples * c / chunks);
            var to = (int)((long)samples * (c + 1) / chunks);
            for (var s = from; s < to; s++)
            {
                var (i, j) = pairs[Math.Min(pairs.Count - 1, (int)(s * step))];
                Comparator.Compare(records[i], records[j], lv);
                var key = Encode(lv);
                counts[key] = counts.GetValueOrDefault(key) + step;
            }

            partial[c] = counts;
        });
        var patterns = new Dictionary<long, (int[] Levels, double Count)>();
        foreach (var counts in partial)
        {
            foreach (var (key, count) in counts)
            {
                patterns[key] = patterns.TryGetValue(key, out var e) ? (e.Levels, e.Count + count) : (Decode(key), count);
            }
        }

        var m = Default.m.Select(row => (double[])row.Clone()).ToArray();
        var uBlocked = u.Select(row => (double[])row.Clone()).ToArray();
        var lambda = 0.1;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var mAcc = m.Select(row => new double[row.Length]).ToArray();
            var uAcc = m.Select(row => new double[row.Length]).ToArray();
            double matchMass = 0, total = 0;
            foreach (var (lv, count) in patterns.Values)
            {
                double logM = Math.Log(lambda), logU = Math.Log(1 - lambda);
                for (var f = 0; f < lv.Length; f++)
                {
                    if (lv[f] == Comparator.Missing) continue;
                    logM += Math.Log(Math.Max(m[f][lv[f]], Floor));
                    logU += Math.Log(Math.Max(uBlocked[f][lv[f]], Floor));
                }
                var posterior = 1 / (1 + Math.Exp(logU - logM));
                matchMass += posterior * count;
                total += count;
                for (var f = 0; f < lv.Length; f++)
                {
                    if (lv[f] == Comparator.Missing) continue;
                    mAcc[f][lv[f]] += posterior * count;
                    uAcc[f][lv[f]] += (1 - posterior) * count;
                }
            }
            var newLambda = Math.Clamp(matchMass / total, 1e-9, 1 - 1e-9);
            var change = Math.Abs(newLambda - lambda);
            lambda = newLambda;
            for (var f = 0; f < m.Length; f++)
            {
                m[f] = Smooth(mAcc[f], m[f]);
                uBlocked[f] = Smooth(uAcc[f], uBlocked[f]);
            }
            if (change < 1e-7) break;
        }
        var expected = lambda * pairs.Count * 2 / records.Count;
        return new MatchModel(m, u, Math.Max(expected, 1e-3));
    }

    private static double[] Smooth(double[] counts, double[] previous)
    {
        var sum = counts.Sum();
        if (sum <= 0) return previous;
        return Normalised([counts.Select(c => (c + (1e-4 * sum / counts.Length)) / sum).ToArray()])[0];
    }

    private static double[][] RandomPairLevels(IReadOnlyList<PreparedRecord> records, Random random)
    {
        var counts = Enumerable.Range(0, Comparator.FieldCount).Select(f => new double[Comparator.LevelCount(f)]).ToArray();
        Span<int> levels = stackalloc int[Comparator.FieldCount];
        var n = records.Count;
        var all = (long)n * (n - 1) / 2;
        void Count(int i, int j, Span<int> lv)
        {
            Comparator.Compare(records[i], records[j], lv);
            for (var f = 0; f < lv.Length; f++)
                if (lv[f] != Comparator.Missing) counts[f][lv[f]]++;
        }
        if (all <= RandomPairSamples)
        {
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++) Count(i, j, levels);
        }
        else
        {
            for (var s = 0; s < RandomPairSamples; s++)
            {
                var i = random.Next(n);
                var j = random.Next(n - 1);
                if (j >= i) j++;
                Count(i, j, levels);
            }
        }
        // Half a count per level keeps rare levels (exact date of birth) from a zero u.
        return Normalised(counts.Select(row => row.Select(c => c + 0.5).ToArray()).ToArray());
    }

    private static double[][] Normalised(double[][] rows) =>
        rows.Select(row =>
        {
            var sum = row.Sum();
            return row.Select(v => v / sum).ToArray();
        }).ToArray();

    private static long Encode(ReadOnlySpan<int> levels)
    {
        long key = 0;
        foreach (var l in levels) key = (key * 16) + l + 1;
        return key;
    }

    private static int[] Decode(long key)
    {
        var levels = new int[Comparator.FieldCount];
        for (var f = Comparator.FieldCount - 1; f >= 0; f--)
        {
            levels[f] = (int)(key % 16) - 1;
            key /= 16;
        }
        return levels;
    }

    /// <summary>Prior log2 odds that two records drawn from a population of this size match.</summary>
    internal double PriorLog2Odds(int population)
    {
        var p = Math.Min(0.5, ExpectedMatchesPerRecord / Math.Max(population - 1, MinPopulation));
        return Math.Log2(p / (1 - p));
    }

    /// <summary>Compares two records with no population context (prior for <see cref="MinPopulation"/>, no name frequencies).</summary>
    public MatchResult Compare(MatchRecord a, MatchRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Score(new PreparedRecord(a), new PreparedRecord(b), PriorLog2Odds(MinPopulation), null, explain: true);
    }

    internal MatchResult Score(PreparedRecord a, PreparedRecord b, double priorBits, NameFrequencies? frequencies, bool explain)
    {
        Span<int> levels = stackalloc int[Comparator.FieldCount];
        var arrangement = Comparator.Compare(a, b, levels);
        var swapped = arrangement == NameArrangement.Swapped;
        // Frequencies and the short-name veto read the names as recorded: only when they were compared so.
        var straight = arrangement == NameArrangement.Straight;
        if (levels[IdentifierField] == 0 && frequencies is not null && frequencies.SharesACommonNumber(a, b)) levels[IdentifierField] = Comparator.Missing;
        // The vetoes stand in for a field that tells relatives apart; an identity number of the
        // same kind that agrees exactly is that field, so it lifts them (a replaced given name or
        // date on one record of the person), and so does a typing slip no office makes between
        // two people (see Comparator.TypingSlip), while any other number keeps them.
        var vetoesApply = levels[IdentifierField] switch
        {
            0 => false,
            1 => !Comparator.TypingSlip(a.Identifiers, b.Identifiers),
            _ => true,
        };
        var lifted = false;
        Span<double> bits = stackalloc double[Comparator.FieldCount];
        for (var f = 0; f < Comparator.FieldCount; f++)
        {
            var l = levels[f];
            if (l == Comparator.Missing)
            {
                bits[f] = 0;
                continue;
            }
            var w = weights[f][l];
            // Frequencies counted in a file of a few hundred records say little about a population:
            // the adjustment needs as many records as training does.
            if (l == 0 && f <= 1 && frequencies is { Total: >= MinTrainingRecords } && straight)
            {
                // Term-frequency adjustment: u becomes the frequency of this very name.
                var value = f == 0 ? a.Given.Core : a.Surname.Core;
                var frequency = f == 0 ? frequencies.Given(value) : frequencies.Surname(value);
                w = Math.Clamp(Math.Log2(m[f][0] / Math.Max(frequency, Floor)), Math.Min(w, 1), w + 6);
            }
            else if (l == 0 && f == 4 && frequencies is { Total: >= MinTrainingRecords })
            {
                // The same for an address that agrees exactly: a capital city or a big estate
                // shared by many records says less than a small street.
                w = Math.Clamp(Math.Log2(m[f][0] / Math.Max(frequencies.Address(a.AddressCompact), Floor)), Math.Min(w, 1), w + 6);
            }
            var vetoed = (GivenNameVeto && f == 0 && (l == Comparator.LevelCount(0) - 1 || (l == 3 && straight && (ShortAndDistinct(a.Given, b.Given) || (levels[2] == 0 && Twins(a.Given, b.Given))))))
                || (f == 2 && l == Comparator.GenerationApart)
                || (f == 1 && PreparedRecord.GenerationsDiffer(a, b))
                || (f == 6 && l == 1 && levels[0] != 0 && levels[0] != Comparator.Missing);
            if (vetoed && vetoesApply) w = Math.Min(w, f == 2 || f == 1 ? GenerationGapBits : GivenNameDisagreementBits);
            lifted |= vetoed && !vetoesApply;
            if (f == 6 && l == 1) w = Math.Min(w, SexDisagreementBits);
            bits[f] = w;
        }
        // A household alone must stay under the threshold whatever the prior: at most one bit
        // short of the prior's odds against a match.
        var cap = Math.Min(HouseholdCapBits, Math.Max(0, -priorBits - 1));
        var household = 0.0;
        foreach (var f in HouseholdFields) household += Math.Max(0, bits[f]);
        if (household > cap)
        {
            var scale = cap / household;
            foreach (var f in HouseholdFields)
                if (bits[f] > 0) bits[f] *= scale;
        }
        var total = priorBits;
        foreach (var fieldBits in bits) total += fieldBits;
        var probability = 1 / (1 + Math.Pow(2, -total));
        IReadOnlyList<FieldEvidence> evidence = [];
        if (explain)
        {
            var list = new FieldEvidence[Comparator.FieldCount];
            for (var f = 0; f < Comparator.FieldCount; f++)
            {
                var name = levels[f] == Comparator.Missing ? "missing" : Comparator.LevelNames[f][levels[f]];
                list[f] = new FieldEvidence((MatchField)f, name, Math.Round(bits[f], 2));
            }
            evidence = list;
        }
        return new MatchResult(probability, total, priorBits, evidence, swapped) { VetoLifted = lifted };
    }

    /// <summary>
    /// Two short given names that agree only weakly, without being an initial or a prefix of the
    /// other ("Ana" / "Ava", "Léa" / "Lou"): in a name of four letters or fewer, one changed letter
    /// makes another name, so twins named so stay apart. A swap of neighbouring letters or a
    /// transliteration variant ranks higher and is not concerned.
    /// </summary>
    private static bool ShortAndDistinct(PreparedName a, PreparedName b) =>
        !a.IsInitial && !b.IsInitial && a.Compact.Length <= 4 && b.Compact.Length <= 4
        && !a.Compact.StartsWith(b.Compact, StringComparison.Ordinal) && !b.Compact.StartsWith(a.Compact, StringComparison.Ordinal);

    /// <summary>
    /// Given names that start alike but end otherwise (Mark / Marsha, Darla / Darlene), with one
    /// full date of birth: twins or triplets, named so on purpose.
    /// </summary>
    private static bool Twins(PreparedName a, PreparedName b) =>
        !a.IsInitial && !b.IsInitial && Comparator.TwinNames(a.Core, b.Core);

    /// <summary>Serialises the trained parameters (m, u, prior) so that the app can reuse them.</summary>
    public string ToJson()
    {
        var fields = new Dictionary<string, FieldParameters>(StringComparer.Ordinal);
        for (var f = 0; f < Comparator.FieldCount; f++)
            fields[((MatchField)f).ToString()] = new FieldParameters(Comparator.LevelNames[f], m[f], u[f]);
        return JsonSerializer.Serialize(new ModelParameters(ModelVersion, ExpectedMatchesPerRecord, fields), JsonOptions);
    }

    /// <summary>Reads parameters written by <see cref="ToJson"/>.</summary>
    public static MatchModel FromJson(string json)
    {
        var parameters = JsonSerializer.Deserialize<ModelParameters>(json, JsonOptions)
            ?? throw new FormatException("Empty model JSON.");
        if (parameters.Version != ModelVersion) throw new FormatException($"Unsupported model version {parameters.Version}.");
        var m = new double[Comparator.FieldCount][];
        var u = new double[Comparator.FieldCount][];
        for (var f = 0; f < Comparator.FieldCount; f++)
        {
            var name = ((MatchField)f).ToString();
            if (!parameters.Fields.TryGetValue(name, out var field)
                || field.M.Length != Comparator.LevelCount(f) || field.U.Length != Comparator.LevelCount(f))
                throw new FormatException($"Model JSON lacks valid parameters for {name}.");
            m[f] = field.M;
            u[f] = field.U;
        }
        return new MatchModel(m, u, parameters.ExpectedMatchesPerRecord);
    }

    // 2: ten date levels (within a month, a year, ten years, a generation apart).
    // 3: identity numbers, e-mail and phone.
    private const int ModelVersion = 3;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private sealed record ModelParameters(int Version, double ExpectedMatchesPerRecord, Dictionary<string, FieldParameters> Fields);

    private sealed record FieldParameters(string[] Levels, double[] M, double[] U);
}

/// <summary>Name and address counts for the term-frequency adjustment; updated incrementally by the index.</summary>
internal sealed class NameFrequencies
{
    private readonly Dictionary<string, int> given = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> surname = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> address = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private int total;

    public void Add(PreparedRecord r, int delta)
    {
        total += delta;
        Bump(given, r.Given.Core, delta);
        Bump(surname, r.Surname.Core, delta);
        Bump(address, r.AddressCompact, delta);
        foreach (var (kind, number) in r.Identifiers) Bump(numbers, kind + "|" + number, delta);
    }

    /// <summary>
    /// True when the two records share an identity number that more than
    /// <see cref="MatchModel.MaxRecordsPerNumber"/> records carry: a default or filler number
    /// (a service's own, "999999"), not a person's.
    /// </summary>
    public bool SharesACommonNumber(PreparedRecord a, PreparedRecord b)
    {
        foreach (var x in a.Identifiers)
            foreach (var y in b.Identifiers)
                if (x == y && numbers.GetValueOrDefault(x.Kind + "|" + x.Number) > MatchModel.MaxRecordsPerNumber) return true;
        return false;
    }

    public double Address(string value) => Frequency(address, value);

    /// <summary>Records counted.</summary>
    public int Total => total;

    public double Given(string value) => Frequency(given, value);

    public double Surname(string value) => Frequency(surname, value);

    private double Frequency(Dictionary<string, int> counts, string value) =>
        (double)Math.Max(1, counts.GetValueOrDefault(value)) / Math.Max(1, total);

    private static void Bump(Dictionary<string, int> counts, string value, int delta)
    {
        if (value.Length == 0) return;
        var n = counts.GetValueOrDefault(value) + delta;
        if (n <= 0) counts.Remove(value);
        else counts[value] = n;
    }
}
