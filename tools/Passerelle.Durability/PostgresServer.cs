using System.Diagnostics;

namespace Passerelle.Durability;

/// <summary>The throwaway cluster scripts/durability.sh started: restarted here without a clean shutdown.</summary>
internal sealed class PostgresServer(string pgCtl, string data, string serverLog)
{
    /// <summary>
    /// <c>pg_ctl restart -m immediate</c>: the server stops without a checkpoint (as after a power cut) and replays its
    /// WAL on start; connections open in the app break.
    /// </summary>
    public Task RestartImmediateAsync() =>
        RunAsync(pgCtl, ["-D", data, "-m", "immediate", "-w", "-t", "120", "-l", serverLog, "restart"]);

    /// <summary>Runs a PostgreSQL program as the postgres user when we are root (the server refuses to run as root).</summary>
    private static async Task RunAsync(string file, string[] arguments)
    {
        var root = System.Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "runuser" : file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (root)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}\n{await output}\n{await error}");
        }
    }
}
