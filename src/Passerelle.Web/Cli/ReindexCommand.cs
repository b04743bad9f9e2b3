using System.Diagnostics;
using Passerelle.Matching;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;

namespace Passerelle.Web.Cli;

/// <summary>
/// <c>passerelle match reindex</c>: recomputes every person's matching keys (<see cref="MatchReindex"/>)
/// and records the engine's key scheme. An instance that starts on a new engine does the same by
/// itself (<see cref="MatchIndexWorker"/>); this verb repairs the table or re-indexes at once.
/// </summary>
internal static class ReindexCommand
{
    private const int ProgressFrom = 5000;

    public static async Task<int> RunAsync(PasserelleDb db, AuditLog audit, TimeProvider clock, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var (persons, keys) = await MatchReindex.RunAsync(db, audit, clock, "command line", (done, total) =>
        {
            if (total >= ProgressFrom)
            {
                Console.Error.Write($"\rmatch: {done}/{total} persons re-indexed");
                if (done == total)
                {
                    Console.Error.WriteLine();
                }
            }
        }, ct);
        Console.WriteLine($"Re-indexed {persons} persons ({keys} keys, scheme {MatchKeys.Scheme}) in {watch.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
