using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Passerelle.Matching;

namespace Passerelle.Matching.Tests;

/// <summary>Loads the shared linkage benchmarks by path (never copied into the repo) and scores results.</summary>
internal static partial class Benchmarks
{
    /// <summary>The shared data lives beside the checkout (<c>../shared/data/linkage</c> from the repository root).</summary>
    public static string Root { get; } =
        Environment.GetEnvironmentVariable("PASSERELLE_LINKAGE_DATA") ?? FindShared();

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Passerelle.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "linkage"));
                // A worktree further down (/work/wt/NAME) finds the machine's copy as scripts/test.sh does.
                const string machine = "/work/shared/data/linkage";
                return Directory.Exists(candidate) ? candidate
                    : Directory.Exists(machine) ? machine
                    : throw new DirectoryNotFoundException($"The linkage benchmarks are expected at {candidate} (or set PASSERELLE_LINKAGE_DATA).");
            }
        }

        throw new DirectoryNotFoundException("Passerelle.slnx not found above " + AppContext.BaseDirectory);
    }

    public sealed record Labelled(IReadOnlyList<MatchRecord> Records, IReadOnlyList<string> Truth);

    private static readonly Dictionary<string, Labelled> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheGate = new();

    private static Labelled Cached(string name, Func<Labelled> load)
    {
        lock (CacheGate)
        {
            if (!Cache.TryGetValue(name, out var value)) Cache[name] = value = load();
            return value;
        }
    }

    /// <summary>FEBRL; truth = N of rec-N-org/dup. soc_sec_id is read only when asked (a register of reported persons seldom has one).</summary>
    public static Labelled Febrl(int dataset, bool withSocialSecurity = false) => Cached($"febrl{dataset}{withSocialSecurity}", () =>
    {
        var rows = ReadCsv(Path.Combine(Root, "febrl", $"dataset{dataset}.csv"));
        var h = Header(rows[0]);
        var records = new List<MatchRecord>();
        var truth = new List<string>();
        foreach (var row in rows.Skip(1))
        {
            string Get(string column) => row[h[column]].Trim();
            var id = Get("rec_id");
            records.Add(new MatchRecord(id)
            {
                GivenName = Get("given_name"),
                Surname = Get("surname"),
                Address = string.Join(' ', Get("street_number"), Get("address_1"), Get("address_2"), Get("suburb")),
                Postcode = Get("postcode"),
                DateOfBirth = PartialDate.Parse(Get("date_of_birth")),
                Identifiers = withSocialSecurity ? [new PersonIdentifier("ssn", Get("soc_sec_id"))] : null,
            });
            truth.Add(FebrlEntity().Match(id).Groups[1].Value);
        }
        return new Labelled(records, truth);
    });

    /// <summary>Splink fake_1000: city is the address; e-mail read only when asked.</summary>
    public static Labelled Fake1000(bool withEmail = false) => Cached($"fake{withEmail}", () =>
    {
        var rows = ReadCsv(Path.Combine(Root, "splink_fake_1000", "fake_1000.csv"));
        var h = Header(rows[0]);
        var records = rows.Skip(1).Select(row => new MatchRecord(row[h["unique_id"]])
        {
            GivenName = row[h["first_name"]],
            Surname = row[h["surname"]],
            DateOfBirth = PartialDate.Parse(row[h["dob"]]),
            Address = row[h["city"]],
            Email = withEmail ? row[h["email"]] : null,
        }).ToArray();
        return new Labelled(records, rows.Skip(1).Select(row => row[h["cluster"]]).ToArray());
    });

    /// <summary>
    /// Senzing demo truth set, PERSON records only (organisations are outside this engine), with
    /// the fields our contract knows: names, date of birth (US M/D/Y turned into ISO here),
    /// address, postcode, sex. Phones, e-mails and document numbers are ignored.
    /// </summary>
    private static readonly string[] SenzingFiles = ["customers.csv", "watchlist.csv", "reference.csv"];
    private static readonly string[] UsFormats = ["M/d/yyyy", "M/d/yy", "d-MMM-yy", "yyyy-MM-dd"];

    public static Labelled Senzing(bool withContacts = false) => Cached($"senzing{withContacts}", () =>
    {
        var truthRows = ReadCsv(Path.Combine(Root, "senzing_truthset", "actual_truthset_key.csv"));
        var cluster = truthRows.Skip(1).ToDictionary(r => $"{r[2]}/{r[3]}", r => r[1], StringComparer.Ordinal);
        var records = new List<MatchRecord>();
        var truth = new List<string>();
        foreach (var file in SenzingFiles)
        {
            var rows = ReadCsv(Path.Combine(Root, "senzing_truthset", file));
            var h = Header(rows[0]);
            foreach (var row in rows.Skip(1))
            {
                string Get(string column) => h.TryGetValue(column, out var i) && i < row.Length ? row[i].Trim() : "";
                if (!string.Equals(Get("record_type"), "PERSON", StringComparison.Ordinal)) continue;
                var id = $"{Get("data_source")}/{Get("record_id")}";
                var given = string.Join(' ', Get("primary_name_first"), Get("primary_name_middle")).Trim();
                var address = Get("addr_full");
                if (address.Length == 0) address = string.Join(' ', Get("addr_line1"), Get("addr_city")).Trim();
                records.Add(new MatchRecord(id)
                {
                    GivenName = given,
                    Surname = Get("primary_name_last"),
                    FullName = Get("primary_name_full").Length > 0 ? Get("primary_name_full") : Get("native_name_full"),
                    DateOfBirth = PartialDate.Parse(UsDateToIso(Get("date_of_birth"))),
                    Address = address,
                    Postcode = Get("addr_postal_code"),
                    Sex = Get("gender"),
                    Identifiers = withContacts ? SenzingIdentifiers(Get) : null,
                    Email = withContacts ? Get("email_address") : null,
                    Phone = withContacts ? Get("phone_number") : null,
                });
                truth.Add(cluster[id]);
            }
        }
        return new Labelled(records, truth);
    });

    private static PersonIdentifier[] SenzingIdentifiers(Func<string, string> get) =>
    [
        .. new[] { ("ssn", "ssn_number"), ("passport", "passport_number"), ("national_id", "national_id_number"), ("licence", "drivers_license_number") }
            .Where(x => get(x.Item2).Length > 0)
            .Select(x => new PersonIdentifier(x.Item1, get(x.Item2))),
    ];

    // Senzing writes M/D/YYYY, M/D/YY (19xx unless that lands after 2025), D-Mon-YY and ISO.
    private static string UsDateToIso(string text)
    {
        if (text.Length == 0) return "";
        if (DateTime.TryParseExact(text, UsFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // 20/8/1991 is day-first even in this US file.
        if (DateTime.TryParseExact(text, "d/M/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
            return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return "";
    }

    public sealed record Scores(double Precision, double Recall, double F1, long TruePairs, long PredictedPairs, long CorrectPairs, double BCubedPrecision, double BCubedRecall)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"P={Precision:F4} R={Recall:F4} F1={F1:F4} (true {TruePairs}, predicted {PredictedPairs}, correct {CorrectPairs}); B-cubed P={BCubedPrecision:F4} R={BCubedRecall:F4}");
    }

    /// <summary>Pairwise precision/recall/F1 of a clustering against truth clusters.</summary>
    public static Scores Pairwise(IReadOnlyList<string> predicted, IReadOnlyList<string> truth)
    {
        static long Pairs(IEnumerable<int> sizes) => sizes.Sum(n => (long)n * (n - 1) / 2);
        var p = Pairs(predicted.GroupBy(x => x, StringComparer.Ordinal).Select(g => g.Count()));
        var t = Pairs(truth.GroupBy(x => x, StringComparer.Ordinal).Select(g => g.Count()));
        var c = Pairs(predicted.Zip(truth).GroupBy(x => x).Select(g => g.Count()));
        var precision = p == 0 ? 1 : (double)c / p;
        var recall = t == 0 ? 1 : (double)c / t;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        // B-cubed: per record, the share of its predicted cluster that is truly its entity, and back.
        var predictedSize = predicted.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var truthSize = truth.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var both = predicted.Zip(truth).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        double bp = 0, br = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            var shared = both[(predicted[i], truth[i])];
            bp += (double)shared / predictedSize[predicted[i]];
            br += (double)shared / truthSize[truth[i]];
        }
        return new Scores(precision, recall, f1, t, p, c, bp / predicted.Count, br / predicted.Count);
    }

    /// <summary>Minimal RFC 4180 reader (quotes, doubled quotes, embedded commas and newlines).</summary>
    public static List<string[]> ReadCsv(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0: field.Clear(); quoted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    row.Add(field.ToString()); field.Clear();
                    rows.Add([.. row]); row.Clear();
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }

    private static Dictionary<string, int> Header(string[] header) =>
        header.Select((name, i) => (name.Trim().ToLowerInvariant(), i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.Ordinal);

    [GeneratedRegex("^rec-(\\d+)")]
    private static partial Regex FebrlEntity();
}
