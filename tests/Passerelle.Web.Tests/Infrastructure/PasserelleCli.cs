using System.Diagnostics;

namespace Passerelle.Web.Tests.Infrastructure;

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}

/// <summary>Runs the built <c>passerelle</c> binary as a separate process, as an operator would.</summary>
internal static class PasserelleCli
{
    private static readonly Lazy<string> AppDll = new(FindAppDll);

    public static async Task<CliResult> RunAsync(TestDatabase database, params string[] verb)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AppDll.Value)!,
        };
        start.ArgumentList.Add(AppDll.Value);
        foreach (var argument in verb)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--Database:Provider");
        start.ArgumentList.Add(database.Provider);
        start.ArgumentList.Add("--ConnectionStrings:Default");
        start.ArgumentList.Add(database.ConnectionString);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"passerelle {string.Join(' ', verb)} did not finish within 120 s");
        }

        return new CliResult(process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>The web project's own build output (same configuration as the tests), which has its runtime config.</summary>
    private static string FindAppDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testBin.Name.Length > 0 ? testBin.Name : testBin.Parent!.Name;
        var binDir = testBin.Name.Length > 0 ? testBin : testBin.Parent!;
        var configuration = binDir.Parent!.Name;
        var root = binDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Passerelle.slnx")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Passerelle.slnx not found above " + AppContext.BaseDirectory);
        }

        var dll = Path.Combine(root.FullName, "src", "Passerelle.Web", "bin", configuration, framework, "passerelle.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Passerelle.Web first.", dll);
    }
}
