using System.Diagnostics;
using System.Globalization;
using System.Text;
using Passerelle.Matching;

namespace Passerelle.Web.Cli;

/// <summary>
/// <c>passerelle match dedupe|link</c>: the identity-resolution engine on CSV files (the contract our
/// evaluation uses: output headers <c>id,cluster_id</c> and <c>id_l,id_r,score</c>). A short summary
/// goes to standard output, progress to standard error.
/// </summary>
internal static class MatchCommands
{
    public static int Dedupe(Func<string, string> required, IReadOnlySet<string> ignored)
    {
        var input = required("--input");
        var output = required("--output");
        var clock = Stopwatch.StartNew();
        Progress($"reading {input}");
        var used = new List<string>();
        var records = RecordCsv.Read(input, ignored, used);
        Progress("columns read: " + string.Join(", ", used));
        var read = clock.Elapsed;
        Progress($"{records.Count} records read; comparing");
        var result = MatchEngine.Deduplicate(records);
        var matched = clock.Elapsed - read;
        Write(output, "id,cluster_id", records.Select((r, i) => Csv(r.Id) + "," + Csv(result.ClusterIds[i])));
        var written = clock.Elapsed - read - matched;
        var clusters = result.ClusterIds.Distinct(StringComparer.Ordinal).Count();
        Summary(result.Statistics, $"{clusters} cluster(s)", read, matched, written);
        return 0;
    }

    public static int Link(Func<string, string> required, IReadOnlySet<string> ignored)
    {
        var leftPath = required("--left");
        var rightPath = required("--right");
        var output = required("--output");
        var clock = Stopwatch.StartNew();
        Progress($"reading {leftPath} and {rightPath}");
        var usedLeft = new List<string>();
        var usedRight = new List<string>();
        var left = RecordCsv.Read(leftPath, ignored, usedLeft);
        var right = RecordCsv.Read(rightPath, ignored, usedRight);
        Progress("columns read: left " + string.Join(", ", usedLeft) + "; right " + string.Join(", ", usedRight));
        var read = clock.Elapsed;
        Progress($"{left.Count} + {right.Count} records read; comparing");
        var result = MatchEngine.Link(left, right);
        var matched = clock.Elapsed - read;
        Write(output, "id_l,id_r,score", result.Pairs.Select(p => $"{Csv(p.IdLeft)},{Csv(p.IdRight)},{MatchEngine.FormatProbability(p.Probability)}"));
        var written = clock.Elapsed - read - matched;
        Summary(result.Statistics, $"{result.Pairs.Count} match(es) written", read, matched, written);
        return 0;
    }

    public static IReadOnlySet<string> Ignored(string? option)
    {
        var names = (option ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !RecordCsv.KnownColumns.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new RecordCsvException($"--ignore: unknown column(s) {string.Join(", ", unknown)} (known: {string.Join(", ", RecordCsv.KnownColumns.Order(StringComparer.Ordinal))})");
        }

        return new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Writes to a temporary file beside the output, then renames: a failed run leaves no half file.</summary>
    private static void Write(string path, string header, IEnumerable<string> lines)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new RecordCsvException($"{path}: the folder {folder} does not exist");
        }

        var temporary = path + ".partial";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            writer.NewLine = "\n";
            writer.WriteLine(header);
            foreach (var line in lines)
            {
                writer.WriteLine(line);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void Progress(string message) => Console.Error.WriteLine("match: " + message);

    private static void Summary(MatchStatistics s, string outcome, TimeSpan read, TimeSpan matched, TimeSpan written) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"records {s.Records}; candidate pairs compared {s.CandidatePairs} ({s.ComparisonFraction:P4} of {s.TotalPairs}); accepted {s.AcceptedPairs}; {outcome}; "
            + $"time read {read.TotalSeconds:0.00} s, match {matched.TotalSeconds:0.00} s, write {written.TotalSeconds:0.00} s"));
}
