using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Passerelle.ApiBench;

/// <summary>The app as an operator runs it: the Release build of src/Passerelle.Web, its CLI verbs, and the server on Kestrel.</summary>
internal sealed class AppBinary(string dll)
{
    public string Dll => dll;

    /// <summary>The Release build in the checkout, or the passerelle.dll named by PASSERELLE_BENCH_APP (e.g. a copy that others' rebuilds do not touch).</summary>
    public static AppBinary Find()
    {
        if (System.Environment.GetEnvironmentVariable("PASSERELLE_BENCH_APP") is { Length: > 0 } given)
        {
            return File.Exists(given) ? new AppBinary(Path.GetFullPath(given)) : throw new FileNotFoundException("PASSERELLE_BENCH_APP names no file", given);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Passerelle.slnx")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Passerelle.Web", "bin", "Release", "net10.0", "passerelle.dll");
                return File.Exists(dll) ? new AppBinary(dll) : throw new FileNotFoundException("Build the app first: dotnet build Passerelle.slnx -c Release", dll);
            }
        }

        throw new InvalidOperationException("Passerelle.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs <c>passerelle VERB…</c> against <paramref name="database"/>; returns its standard output, throws on a non-zero exit.</summary>
    public Task<string> RunVerbAsync(string database, params string[] verb) =>
        Processes.RunAsync("dotnet", [dll, .. verb], Environment(database), Path.GetDirectoryName(dll));

    public async Task<Server> ServeAsync(string database)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in Environment(database))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(log, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Server(process, new Uri($"http://127.0.0.1:{port}/"), log);
        await server.WaitReadyAsync();
        return server;
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> log, string? line)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        while (log.Count > 200 && log.TryDequeue(out _))
        {
        }
    }

    private static Dictionary<string, string> Environment(string database)
    {
        var environment = Settings(database);
        if (System.Environment.GetEnvironmentVariable("PASSERELLE_BENCH_APP_LOG") == "1")
        {
            // Diagnosis only (it slows the app): each request's and each SQL command's time in the app's own log.
            environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
            environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
            environment["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ";
        }

        return environment;
    }

    private static Dictionary<string, string> Settings(string database) => new(StringComparer.Ordinal)
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Default"] = new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 30 }.ToString(),
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The running server: stopped (this process only) when disposed.</summary>
    internal sealed class Server(Process process, Uri baseAddress, System.Collections.Concurrent.ConcurrentQueue<string> log) : IAsyncDisposable
    {
        public Uri BaseAddress => baseAddress;

        public async Task WaitReadyAsync()
        {
            using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the app exited ({process.ExitCode}):\n{string.Join('\n', log)}");
                }

                try
                {
                    using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
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

                await Task.Delay(250);
            }

            throw new TimeoutException($"the app was not ready within 90 s:\n{string.Join('\n', log)}");
        }

        /// <summary>The last lines the app wrote (200 at most).</summary>
        public IReadOnlyCollection<string> Log => log;

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
