using System.Globalization;
using Passerelle.Matching;

namespace Passerelle.Bench;

/// <summary>Name, street and town pools taken from the shared FEBRL files (read by path, never copied).</summary>
internal sealed record NamePools(string[] Given, string[] Surnames, string[] Streets, string[] Towns, string[] Postcodes)
{
    public static string FindLinkageData()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PASSERELLE_LINKAGE_DATA");
        if (fromEnvironment is not null)
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "linkage");
            if (File.Exists(Path.Combine(dir.FullName, "Passerelle.slnx")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return "/work/shared/data/linkage";
    }

    public static NamePools Load(string root)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        var streets = new HashSet<string>(StringComparer.Ordinal);
        var towns = new HashSet<string>(StringComparer.Ordinal);
        var postcodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in new[] { 1, 2, 3 })
        {
            foreach (var r in RecordCsv.Read(Path.Combine(root, "febrl", $"dataset{n}.csv"), new HashSet<string>()))
            {
                if (r.Id.EndsWith("-org", StringComparison.Ordinal))
                {
                    Add(given, r.GivenName);
                    Add(surnames, r.Surname);
                    Add(postcodes, r.Postcode);
                    if (r.Address is { } a)
                    {
                        var words = a.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        Add(streets, string.Join(' ', words.Skip(1).Take(2)));
                        Add(towns, words[^1]);
                    }
                }
            }
        }

        return new NamePools([.. given], [.. surnames], [.. streets], [.. towns], [.. postcodes]);

        static void Add(HashSet<string> set, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                set.Add(value);
            }
        }
    }
}

/// <summary>
/// Scales the benchmark to any size: persons drawn from the pools, a quarter of them reported again
/// 1–3 times with the noise reports carry (typos, swapped names, partial or mistyped dates, a move),
/// and 1 % with a twin (same surname, date, address; another given name) who must stay apart.
/// </summary>
internal static class Generator
{
    public static (List<MatchRecord> Records, List<string> Truth) Generate(int size, NamePools pools, int seed)
    {
        var random = new Random(seed);
        var records = new List<MatchRecord>(size);
        var truth = new List<string>(size);
        var person = 0;
        while (records.Count < size)
        {
            var id = "p" + person.ToString(CultureInfo.InvariantCulture);
            var original = NewPerson(random, pools, id + "-0");
            Add(original, id);
            if (random.NextDouble() < 0.01 && records.Count < size)
            {
                var twin = original with { Id = id + "-twin", GivenName = Pick(random, pools.Given) };
                if (twin.GivenName != original.GivenName)
                {
                    records.Add(twin);
                    truth.Add(id + "-twin");
                }
            }

            if (random.NextDouble() < 0.25)
            {
                var copies = random.Next(1, 4);
                for (var k = 1; k <= copies && records.Count < size; k++)
                {
                    Add(Noisy(random, pools, original with { Id = $"{id}-{k}" }), id);
                }
            }

            person++;
        }

        return (records, truth);

        void Add(MatchRecord record, string who)
        {
            records.Add(record);
            truth.Add(who);
        }
    }

    private static MatchRecord NewPerson(Random random, NamePools pools, string id) => new(id)
    {
        GivenName = Pick(random, pools.Given),
        Surname = Pick(random, pools.Surnames),
        DateOfBirth = new PartialDate(random.Next(1930, 2010), random.Next(1, 13), random.Next(1, 29)),
        Address = $"{random.Next(1, 200)} {Pick(random, pools.Streets)} {Pick(random, pools.Towns)}",
        Postcode = Pick(random, pools.Postcodes),
    };

    private static MatchRecord Noisy(Random random, NamePools pools, MatchRecord r)
    {
        if (random.NextDouble() < 0.3) r = r with { GivenName = Typo(random, r.GivenName!) };
        if (random.NextDouble() < 0.3) r = r with { Surname = Typo(random, r.Surname!) };
        if (random.NextDouble() < 0.03) r = r with { GivenName = r.Surname, Surname = r.GivenName };
        if (r.DateOfBirth is { } d)
        {
            var roll = random.NextDouble();
            r = roll switch
            {
                < 0.05 => r with { DateOfBirth = null },
                < 0.15 => r with { DateOfBirth = new PartialDate(d.Year) },
                < 0.18 when d.Day <= 12 => r with { DateOfBirth = new PartialDate(d.Year, d.Day, d.Month) },
                < 0.23 => r with { DateOfBirth = new PartialDate(Math.Clamp(d.Year + (random.Next(2) * 2 - 1), 1900, 2020), d.Month, d.Day) },
                _ => r,
            };
        }

        if (random.NextDouble() < 0.2) r = r with { Address = $"{random.Next(1, 200)} {Pick(random, pools.Streets)} {Pick(random, pools.Towns)}" };
        if (random.NextDouble() < 0.1) r = r with { Postcode = Pick(random, pools.Postcodes) };
        return r;
    }

    private static string Typo(Random random, string s)
    {
        if (s.Length < 3) return s;
        var i = random.Next(1, s.Length - 1);
        return random.Next(3) switch
        {
            0 => s.Remove(i, 1),
            1 => s.Insert(i, ((char)('a' + random.Next(26))).ToString()),
            _ => string.Concat(s.AsSpan(0, i), ((char)('a' + random.Next(26))).ToString(), s.AsSpan(i + 1)),
        };
    }

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];
}

internal static class Scoring
{
    /// <summary>Pairwise precision, recall and F1 of predicted clusters against the truth, counted from group sizes.</summary>
    public static (double Precision, double Recall, double F1) Pairwise(IReadOnlyList<string> predicted, IReadOnlyList<string> truth)
    {
        static long Pairs(IEnumerable<int> sizes) => sizes.Sum(n => (long)n * (n - 1) / 2);
        var predictedPairs = Pairs(predicted.GroupBy(x => x, StringComparer.Ordinal).Select(g => g.Count()));
        var truePairs = Pairs(truth.GroupBy(x => x, StringComparer.Ordinal).Select(g => g.Count()));
        var both = Pairs(predicted.Zip(truth).GroupBy(x => x).Select(g => g.Count()));
        var precision = predictedPairs == 0 ? 1 : (double)both / predictedPairs;
        var recall = truePairs == 0 ? 1 : (double)both / truePairs;
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }
}
