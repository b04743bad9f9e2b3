using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Web.Security;

namespace Passerelle.Browser.Tests.Infrastructure;

/// <summary>
/// The app served on real Kestrel (loopback, free port) over a fresh SQLite file with the demo data,
/// plus the Playwright driver. Shared by every browser test (one collection), so the app starts once.
/// Each test opens its own browser (<see cref="OpenBrowserAsync"/>) with a fresh profile: no shared cookies.
/// </summary>
#pragma warning disable CA1001 // xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.
public sealed class BrowserApp : IAsyncLifetime
#pragma warning restore CA1001
{
    /// <summary>Generous but bounded: the CI machine has 2 cores and runs the app and Chromium together.</summary>
    public const float TimeoutMs = 20_000;

    private readonly string databaseFile = Path.Combine(
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "passerelle-browser-tests")).FullName,
        $"{Guid.NewGuid():N}.db");

    private Factory? factory;
    private IPlaywright? playwright;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    internal IServiceProvider Services => (factory ?? throw new InvalidOperationException("Not started.")).Services;

    public async Task InitializeAsync()
    {
        factory = new Factory(new SqliteConnectionStringBuilder { DataSource = databaseFile }.ToString());
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute);
        playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
    }

    public async Task DisposeAsync()
    {
        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A pooled connection may still hold it for a moment; the temp folder is throwaway.
            }
        }
    }

    /// <summary>A new Chromium on its own temporary profile, with one page open on the app.</summary>
    public async Task<BrowserSession> OpenBrowserAsync()
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        var context = await (playwright ?? throw new InvalidOperationException("Not started.")).Chromium.LaunchPersistentContextAsync(
            profile.FullName,
            new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                ],
                BaseURL = BaseUrl.ToString(),

                // The app's Content-Security-Policy forbids inline scripts, which is how axe-core is injected.
                BypassCSP = true,
                Locale = "fr-FR",
                Timeout = TimeoutMs,
            });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new BrowserSession(context, page, profile);
    }

    /// <summary>Runs <paramref name="work"/> in a service scope acting as the system (every row visible).</summary>
    internal async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(AccessScope.System);
        return await work(scope.ServiceProvider);
    }

    private sealed class Factory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("Database:MigrateOnStart", "true");
            builder.UseSetting("Demo:SeedOnFirstStart", "true");
            builder.UseSetting("Mail:PollSeconds", "0");
            builder.UseSetting("Retention:RunInBackground", "false");
            builder.UseSetting("Panel:RunDigestInBackground", "false");
            builder.UseSetting("Releases:RunAlertsInBackground", "false");
        }
    }
}

/// <summary>One browser (persistent context on a throwaway profile) and its page.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, DirectoryInfo profile) : IAsyncDisposable
{
    public IBrowserContext Context => context;

    public IPage Page => page;

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; the temp folder is throwaway.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
