using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Audit;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>
/// Someone with database access drops the append-only triggers and edits the log: the real
/// <c>passerelle audit verify</c> exits non-zero naming the first broken event. Each test has its own database.
/// </summary>
public sealed class AuditTamperTests
{
    private static readonly string[] DropPostgresTriggers = ["DROP TRIGGER audit_events_no_change ON audit_events"];
    private static readonly string[] DropSqliteTriggers = ["DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"];

    [Fact]
    public async Task AuditVerify_AfterOneEventsContentIsChanged_FailsNamingThatEvent()
    {
        await TamperAndVerifyAsync(
            ["UPDATE audit_events SET \"ObjectId\" = 'someone-else' WHERE \"Seq\" = 3"],
            "#3", "altered");
    }

    [Fact]
    public async Task AuditVerify_AfterOneEventIsDeleted_FailsNamingTheMissingEvent()
    {
        await TamperAndVerifyAsync(
            ["DELETE FROM audit_events WHERE \"Seq\" = 3"],
            "#3", "missing");
    }

    [Fact]
    public async Task AuditVerify_AfterTwoEventsAreSwapped_FailsNamingTheFirstSwappedEvent()
    {
        await TamperAndVerifyAsync(
            [
                "UPDATE audit_events SET \"Seq\" = -1 WHERE \"Seq\" = 2",
                "UPDATE audit_events SET \"Seq\" = 2 WHERE \"Seq\" = 3",
                "UPDATE audit_events SET \"Seq\" = 3 WHERE \"Seq\" = -1",
            ],
            "#2", "does not follow");
    }

    [Fact]
    public async Task AuditVerify_AfterLastEventIsRehashedButNotItsSuccessor_FailsNamingTheSuccessor()
    {
        // A forger who recomputes one event's hash still breaks the link to the next one.
        await TamperAndVerifyAsync(
            ["UPDATE audit_events SET \"Hash\" = (SELECT \"Hash\" FROM audit_events WHERE \"Seq\" = 1) WHERE \"Seq\" = 4"],
            "#4", "altered");
    }

    private static async Task TamperAndVerifyAsync(string[] tamper, string eventNumber, string problem)
    {
        await using var factory = await PasserelleFactory.StartAsync();
        using (var client = factory.ClientFor(await factory.CreateUserAsync(Roles.Ged, "59")))
        {
            await client.CreateReportAsync(TestApi.Report(surname: "Intact"));
            await client.CreateReportAsync(TestApi.Report(surname: "Second"));
        }

        (await factory.WithDbAsync(db => AuditVerifier.VerifyAsync(db))).Holds.ShouldBeTrue();
        await factory.WithDbAsync(async db =>
        {
            var drop = factory.Database.IsPostgres ? DropPostgresTriggers : DropSqliteTriggers;
            foreach (var sql in drop.Concat(tamper))
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }
        });

        var result = await PasserelleCli.RunAsync(factory.Database, "audit", "verify");

        result.ExitCode.ShouldNotBe(0, result.ToString());
        result.Error.ShouldContain($"BROKEN at event {eventNumber}", Case.Sensitive, result.ToString());
        result.Error.ShouldContain(problem, Case.Sensitive, result.ToString());
    }
}
