using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Passerelle.Durability;

/// <summary>
/// The app as an operator runs it (<c>dotnet passerelle.dll --urls …</c>, Production, PostgreSQL), always on the same
/// port so the clients' address survives a restart. Every incarnation's output goes to one log file, each line
/// prefixed with the incarnation number and the time.
/// </summary>
internal sealed class AppServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);

    private readonly string dll;
    private readonly string database;
    private readonly int port;
    private readonly StreamWriter log;
    private readonly Lock logLock = new();
    private Process? process;
    private int incarnation;

    public AppServer(string dll, string database, string logFile)
    {
        this.dll = dll;
        this.database = database;
        port = FreePort();
        log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public int Incarnation => incarnation;

    /// <summary>The environment of the server and of its CLI verbs.</summary>
    public Dictionary<string, string> Environment => new(StringComparer.Ordinal)
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Default"] = database,
        ["Database__MigrateOnStart"] = "false",
        ["Demo__SeedOnFirstStart"] = "false",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Starts a new incarnation and waits until /health/ready answers 200.</summary>
    public async Task StartAsync()
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("the app is already running");
        }

        process?.Dispose();
        var number = Interlocked.Increment(ref incarnation);
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        Write(number, "--- starting");
        var started = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        started.OutputDataReceived += (_, e) => Write(number, e.Data);
        started.ErrorDataReceived += (_, e) => Write(number, e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        await WaitReadyAsync(started);
        Write(number, $"--- ready (pid {started.Id.ToString(CultureInfo.InvariantCulture)})");
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, no graceful end of the requests in flight.</summary>
    public async Task KillAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        running.Kill(entireProcessTree: true);
        await running.WaitForExitAsync();
        Write(incarnation, "--- killed (SIGKILL)");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        await log.DisposeAsync();
    }

    private async Task WaitReadyAsync(Process started)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyWithin)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"the app exited with code {started.ExitCode} before it was ready; see the app log");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the app was not ready within {ReadyWithin.TotalSeconds} s; see the app log");
    }

    private void Write(int number, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logLock)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{number}] {TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {line}"));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
