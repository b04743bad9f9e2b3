using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Case = Shouldly.Case;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>A database migrated by <c>passerelle db migrate</c>, and the app serving it for checks over HTTP.</summary>
public sealed class CliFixture : IAsyncLifetime
{
    internal TestDatabase Database { get; private set; } = null!;

    internal CliResult Migrated { get; private set; } = null!;

    internal PasserelleFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Migrated = await PasserelleCli.RunAsync(Database, "db", "migrate");
        Migrated.ExitCode.ShouldBe(0, Migrated.ToString());
        App = await PasserelleFactory.StartAsync(Database);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    internal Task<bool> UserExistsAsync(string email)
    {
        var normalised = email.ToUpperInvariant();
        return App.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == normalised));
    }
}

/// <summary>The administration verbs of the <c>passerelle</c> binary, run as a separate process as an operator would.</summary>
public sealed class CliTests(CliFixture cli) : IClassFixture<CliFixture>
{
    private const string GoodPassword = "Strong-Password-2026!";

    private Task<CliResult> RunAsync(params string[] verb) => PasserelleCli.RunAsync(cli.Database, verb);

    [Fact]
    public async Task DbMigrate_OnFreshDatabase_ExitsZeroAndLeavesNothingPending()
    {
        cli.Migrated.ExitCode.ShouldBe(0);
        cli.Migrated.Output.ShouldContain("Database migrated.");
        var again = await RunAsync("db", "migrate");
        again.ExitCode.ShouldBe(0, again.ToString());

        var pending = await cli.App.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());

        pending.ShouldBeEmpty();
    }

    [Fact]
    public async Task UsersAdd_ThenTokensCreate_PrintsOnlyATokenThatWorksAsBearerUntilRevoked()
    {
        var added = await RunAsync("users", "add", "--email", "ged59@test.fr", "--role", "ged", "--territory", "59", "--password", GoodPassword, "--name", "Gaëlle Nord");
        added.ExitCode.ShouldBe(0, added.ToString());
        added.Output.ShouldContain("ged59@test.fr");

        var token = await RunAsync("tokens", "create", "--email", "ged59@test.fr");

        token.ExitCode.ShouldBe(0, token.ToString());
        token.Output.ShouldMatch(@"^psl_[A-Za-z0-9_\-]{43}$");
        using var client = cli.App.ClientWithToken(token.Output);
        using (var response = await client.GetAsync(new Uri(TestApi.Persons, UriKind.Relative)))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await client.CreateReportAsync(TestApi.Report("59"));
        using (var outside = await client.PostReportAsync(TestApi.Report("62")))
        {
            await outside.ShouldBeValidationProblemAsync("territory");
        }

        var revoked = await RunAsync("tokens", "revoke", "--email", "ged59@test.fr");
        revoked.ExitCode.ShouldBe(0, revoked.ToString());
        revoked.Output.ShouldContain("1 token(s) revoked");
        using (var after = await client.GetAsync(new Uri(TestApi.Persons, UriKind.Relative)))
        {
            after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var verified = await RunAsync("audit", "verify");
        verified.ExitCode.ShouldBe(0, verified.ToString());
        verified.Output.ShouldContain("Audit chain holds");
    }

    [Theory]
    [InlineData("unknown-role@test.fr", "superuser", "59", GoodPassword, "role")]
    [InlineData("bad-territory@test.fr", "ged", "99x", GoodPassword, "territor")]
    [InlineData("empty-territory@test.fr", "ged", ",", GoodPassword, "territor")]
    [InlineData("weak-password@test.fr", "ged", "59", "password", "password")]
    [InlineData("short-password@test.fr", "ged", "59", "Ab1!", "12")]
    [InlineData("not an email", "ged", "59", GoodPassword, "email")]
    public async Task UsersAdd_WithBadInput_ExitsNonZeroWithAClearMessageAndCreatesNoUser(string email, string role, string territory, string password, string message)
    {
        var result = await RunAsync("users", "add", "--email", email, "--role", role, "--territory", territory, "--password", password);

        result.ExitCode.ShouldNotBe(0, result.ToString());
        result.Output.ShouldNotContain("created", Case.Insensitive);
        result.Error.ShouldStartWith("error:", Case.Sensitive, result.ToString());
        result.Error.ShouldContain(message, Case.Insensitive, result.ToString());
        (await cli.UserExistsAsync(email)).ShouldBeFalse();
    }

    [Fact]
    public async Task UsersAdd_WithDuplicateEmail_ExitsNonZeroAndKeepsTheFirstUser()
    {
        var first = await RunAsync("users", "add", "--email", "twice@test.fr", "--role", "ged", "--territory", "59", "--password", GoodPassword);
        first.ExitCode.ShouldBe(0, first.ToString());

        var second = await RunAsync("users", "add", "--email", "TWICE@test.fr", "--role", "admin", "--territory", "national", "--password", GoodPassword);

        second.ExitCode.ShouldNotBe(0, second.ToString());
        second.Error.ShouldContain("already", Case.Insensitive, second.ToString());
        var users = await cli.App.WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == "TWICE@TEST.FR").ToListAsync());
        users.Count.ShouldBe(1);
        users[0].Role.ShouldBe("ged");
    }

    [Fact]
    public async Task UsersAdd_WithoutRequiredOption_ExitsNonZeroNamingIt()
    {
        var result = await RunAsync("users", "add", "--email", "no-territory@test.fr", "--role", "ged", "--password", GoodPassword);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("--territory", Case.Sensitive, result.ToString());
        (await cli.UserExistsAsync("no-territory@test.fr")).ShouldBeFalse();
    }

    [Fact]
    public async Task TokensCreate_ForUnknownEmail_ExitsNonZeroAndPrintsNoToken()
    {
        var result = await RunAsync("tokens", "create", "--email", "nobody@test.fr");

        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldNotContain("psl_");
        result.Error.ShouldContain("nobody@test.fr");
    }

    [Fact]
    public async Task MatchReindex_RebuildsExactlyTheKeysARecordedPersonGets_AndIsSafeToRunAgain()
    {
        var personId = await cli.App.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", null, null, "Khassan", "Ievloev", "Hassan Yevloyev", new PartialDate(1998, 4, 12), "Nazran", Sex.Male,
                    "3 rue de Paris, 59000 Lille", ["family-rupture"], "Premier signalement.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!.PersonId;
        });
        var before = await cli.App.WithDbAsync(db => db.PersonMatchKeys.Where(k => k.PersonId == personId).Select(k => k.Key).OrderBy(k => k).ToListAsync());
        before.ShouldNotBeEmpty();
        // A damaged table: keys lost and a stray key added.
        await cli.App.WithDbAsync(async db =>
        {
            await db.PersonMatchKeys.Where(k => k.PersonId == personId).Take(3).ExecuteDeleteAsync();
            db.PersonMatchKeys.Add(new PersonMatchKey { PersonId = personId, Key = "stray" });
            return await db.SaveChangesAsync();
        });

        var first = await RunAsync("match", "reindex");
        var second = await RunAsync("match", "reindex");

        first.ExitCode.ShouldBe(0, first.ToString());
        first.Output.ShouldContain("Re-indexed");
        second.ExitCode.ShouldBe(0, second.ToString());
        var after = await cli.App.WithDbAsync(db => db.PersonMatchKeys.Where(k => k.PersonId == personId).Select(k => k.Key).OrderBy(k => k).ToListAsync());
        after.ShouldBe(before);
        (await cli.App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "match.reindex"))).ShouldBe(2);
        // The scheme the keys were made with is recorded: no instance re-indexes them again at start-up.
        first.Output.ShouldContain(Passerelle.Matching.MatchKeys.Scheme);
        (await cli.App.WithDbAsync(db => db.MatchIndexStates.Select(s => s.Scheme).SingleAsync())).ShouldBe(Passerelle.Matching.MatchKeys.Scheme);
    }

    [Fact]
    public async Task RetentionRun_DeletesAReportPastItsDeadline_AndPrintsThePurgeReport()
    {
        // The CLI runs in its own process on the system clock; the app's test clock has no offset here.
        var now = cli.App.Clock.GetUtcNow().UtcDateTime;
        var id = await cli.App.WithDbAsync(async db =>
        {
            var report = new Report
            {
                Receipt = Report.NewReceipt(now),
                TerritoryCode = "59",
                ReportedGivenName = "Cli",
                ReportedSurname = "Perimee",
                Narrative = "Récit.",
                Urgency = Urgency.Routine,
                ReceivedAt = now.AddDays(-400),
                RecordedById = "test",
            };
            report.CloseNotPursued("Inquiétude non confirmée.", "test", now.AddDays(-300), TimeSpan.FromDays(183)).ShouldBeNull();
            db.Reports.Add(report);
            await db.SaveChangesAsync();
            return report.Id;
        });

        var run = await RunAsync("retention", "run");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("not-pursued-report");
        (await cli.App.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AnyAsync(r => r.Id == id))).ShouldBeFalse();
        (await cli.App.WithDbAsync(db => db.RetentionRuns.AnyAsync(r => r.RunBy == "cli" && r.DeletedIds.Contains(id.ToString())))).ShouldBeTrue();
    }

    [Fact]
    public async Task OutboxSend_SendsWhatWaits_ToThePickupDirectoryWhenNoRelayIsSet()
    {
        await cli.App.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage { To = "astreinte@example.fr", Subject = "Alerte", Body = "Corps", Kind = "test", CreatedAt = cli.App.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        });
        var pickup = Path.Combine(Path.GetTempPath(), "passerelle-mail-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = await PasserelleCli.RunAsync(cli.Database, "outbox", "send", "--Mail:PickupDirectory", pickup);
            run.ExitCode.ShouldBe(0, run.ToString());
            run.Output.ShouldContain("message(s) sent");
            Directory.GetFiles(pickup, "*.eml").ShouldNotBeEmpty();
            (await cli.App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == "astreinte@example.fr" && m.SentAt == null))).ShouldBeFalse();
        }
        finally
        {
            if (Directory.Exists(pickup))
            {
                Directory.Delete(pickup, recursive: true);
            }
        }
    }
}
