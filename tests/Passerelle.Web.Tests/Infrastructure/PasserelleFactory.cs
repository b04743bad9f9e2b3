using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Tests.Infrastructure;

/// <summary>A staff account made for a test, with a personal access token for the API.</summary>
internal sealed record TestUser(string Id, string Email, string Role, string Territories, string Token);

/// <summary>
/// The app over a fresh database (one per factory, so one per test class): SQLite in a temp file,
/// or PostgreSQL when PASSERELLE_TEST_DB=postgres. No demo data; tests seed through the app's services.
/// </summary>
public sealed class PasserelleFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Correct-Horse-Battery-42!";

    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> once = new(StringComparer.Ordinal);
    private TestDatabase? database;

    public PasserelleFactory()
    {
    }

    /// <summary>Serves an existing database (e.g. one prepared by the command line) instead of a new one.</summary>
    internal PasserelleFactory(TestDatabase existing) => database = existing;

    internal TestClock Clock { get; } = new();

    /// <summary>What the application sent by e-mail (the outbox is delivered when a test calls the sender).</summary>
    internal TestMailbox Mailbox { get; } = new();

    internal TestDatabase Database => database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>When false, the database belongs to the caller and outlives the factory.</summary>
    private bool OwnsDatabase { get; set; } = true;

    public async Task InitializeAsync()
    {
        if (database is null)
        {
            database = await TestDatabase.CreateAsync();
        }
        else
        {
            OwnsDatabase = false;
        }

        // Builds the host now: Program migrates the database before serving.
        _ = Server;
    }

    /// <summary>Starts a factory outside xunit's fixture lifecycle (dispose it with <c>await using</c>).</summary>
    internal static async Task<PasserelleFactory> StartAsync(TestDatabase? existing = null)
    {
        var factory = existing is null ? new PasserelleFactory() : new PasserelleFactory(existing);
        await factory.InitializeAsync();
        return factory;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Stops the app, then drops the database it created (not one it was given).</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        var owned = OwnsDatabase ? Interlocked.Exchange(ref database, null) : null;
        if (owned is not null)
        {
            await owned.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:SeedOnFirstStart", "false");
        // Background jobs stay off: tests run the outbox sender and the retention job themselves, at known times.
        builder.UseSetting("Mail:PollSeconds", "0");
        builder.UseSetting("Retention:RunInBackground", "false");
        builder.UseSetting("Matching:ReindexInBackground", "false");
        builder.UseSetting("Panel:RunDigestInBackground", "false");
        builder.UseSetting("Releases:RunAlertsInBackground", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Passerelle.Web.Mail.IMailSender>(Mailbox);
        });
    }

    /// <summary>Runs <paramref name="work"/> once per factory and caches its result (shared seed data of a test class).</summary>
    internal async Task<T> OnceAsync<T>(string key, Func<Task<T>> work) where T : class =>
        (T)await once.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await work())).Value;

    /// <summary>A user of that role and scope, created once per factory.</summary>
    internal Task<TestUser> UserAsync(string role, string territories) =>
        OnceAsync($"user:{role}:{territories}", () => CreateUserAsync(role, territories));

    /// <summary>A new user of that role and scope, with a new token.</summary>
    internal async Task<TestUser> CreateUserAsync(string role, string territories)
    {
        var email = $"{role}.{territories.Replace(',', '-')}.{Guid.NewGuid():N}@test.passerelle.fr";
        return await AsSystemAsync(async services =>
        {
            var outcome = await UserAccounts.CreateAsync(services, email, $"Test {role} {territories}", role, territories, Password);
            outcome.Errors.ShouldBeEmpty();
            var user = outcome.User!;
            var token = await AccessTokens.CreateAsync(services, user, "tests");
            return new TestUser(user.Id, email, role, territories, token);
        });
    }

    /// <summary>An HTTP client that authenticates as <paramref name="user"/> with their personal access token.</summary>
    internal HttpClient ClientFor(TestUser user) => ClientWithToken(user.Token);

    internal HttpClient ClientWithToken(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    internal HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs <paramref name="work"/> in a service scope acting as the system (every row visible).</summary>
    internal async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(AccessScope.System);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> on the app's DbContext acting as the system.</summary>
    internal Task<T> WithDbAsync<T>(Func<PasserelleDb, Task<T>> work) =>
        AsSystemAsync(services => work(services.GetRequiredService<PasserelleDb>()));

    internal async Task WithDbAsync(Func<PasserelleDb, Task> work) =>
        await WithDbAsync(async db =>
        {
            await work(db);
            return true;
        });

    internal Task<StoredCounts> CountsAsync() => WithDbAsync(async db => new StoredCounts(
        await db.Reports.CountAsync(),
        await db.Persons.CountAsync(),
        await db.Cases.CountAsync(),
        await db.IdempotencyRecords.CountAsync()));
}

internal sealed record StoredCounts(int Reports, int Persons, int Cases, int IdempotencyRecords);
