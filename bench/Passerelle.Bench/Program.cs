using System.Diagnostics;
using System.Globalization;
using Passerelle.Bench;
using Passerelle.Matching;

// Benchmarks of the identity-resolution engine (issue 3); prints figures, asserts nothing.
//   dotnet run -c Release --project bench/Passerelle.Bench -- dedupe 1000000
//   dotnet run -c Release --project bench/Passerelle.Bench -- index 1000000
var verb = args.Length > 0 ? args[0] : "dedupe";
var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 42;
var names = NamePools.Load(NamePools.FindLinkageData());

var clock = Stopwatch.StartNew();
var (records, truth) = Generator.Generate(size, names, seed);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {records.Count} records ({truth.Distinct().Count()} persons) in {clock.Elapsed.TotalSeconds:0.0} s"));

if (verb == "dedupe")
{
    GC.Collect();
    clock.Restart();
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var result = MatchEngine.Deduplicate(records);
    var wall = clock.Elapsed;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var peak = Process.GetCurrentProcess().PeakWorkingSet64;
    var (p, r, f1) = Scoring.Pairwise(result.ClusterIds, truth);
    var s = result.Statistics;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"dedupe: wall {wall.TotalSeconds:0.0} s, peak working set {peak / 1024.0 / 1024 / 1024:0.00} GiB, candidate pairs {s.CandidatePairs} ({s.ComparisonFraction:P5} of all), "
        + $"{s.CandidatePairs / wall.TotalSeconds / Environment.ProcessorCount:0} comparisons/s/core ({Environment.ProcessorCount} cores, training and clustering included), "
        + $"pairwise P {p:0.0000} R {r:0.0000} F1 {f1:0.0000}"));
    // The machine may be shared: CPU time says what the run cost whatever else was running.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cpu time {cpu.TotalSeconds:0.0} s ({s.CandidatePairs / cpu.TotalSeconds:0} comparisons per cpu-second), load average {LoadAverage()}"));
}
else if (verb == "index")
{
    clock.Restart();
    var index = new PersonIndex(MatchModel.Default);
    var queries = new List<MatchRecord>();
    var seen = new HashSet<string>(StringComparer.Ordinal);
    for (var i = 0; i < records.Count; i++)
    {
        if (seen.Add(truth[i]))
        {
            index.AddOrUpdate(records[i]);
        }
        else if (queries.Count < 20_000)
        {
            queries.Add(records[i]);
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index: {index.Count} persons loaded in {clock.Elapsed.TotalSeconds:0.0} s, {queries.Count} queries, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024 / 1024:0.00} GiB"));
    foreach (var q in queries.Take(500))
    {
        index.FindCandidates(q);
    }

    // Steady state: the garbage of loading is not the queries' cost.
    GC.Collect();
    GC.WaitForPendingFinalizers();

    var times = new double[queries.Count];
    for (var i = 0; i < queries.Count; i++)
    {
        var t = Stopwatch.GetTimestamp();
        index.FindCandidates(queries[i]);
        times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }

    Array.Sort(times);
    double At(double q) => times[(int)Math.Min(times.Length - 1, Math.Ceiling(q * times.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"one record against the register: p50 {At(0.5):0.000} ms, p95 {At(0.95):0.000} ms, p99 {At(0.99):0.000} ms, max {times[^1]:0.000} ms, load average {LoadAverage()}"));
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
