using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Audit;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>Every read and write leaves an audit event; the log is append-only in the app and in the database.</summary>
public sealed class AuditTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private Task<List<AuditEvent>> EventsAsync(string userId) =>
        factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Seq).ToListAsync());

    [Fact]
    public async Task EveryReadAndWrite_LeavesAnAuditEventNamingUserObjectAndOutcome()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);

        var created = await client.CreateReportAsync(TestApi.Report(surname: "Trace"));
        var report = await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        var personId = report.GetProperty("personId").GetGuid();
        var caseId = report.GetProperty("caseId").GetGuid();
        await client.GetJsonAsync($"{TestApi.Persons}/{personId}");
        await client.GetJsonAsync($"{TestApi.Persons}?query=trace");
        await client.GetJsonAsync(TestApi.Persons);
        using (var moved = await client.TransitionAsync(caseId, "UnderAssessment", "Évaluation", 0))
        {
            moved.EnsureSuccessStatusCode();
        }

        var missing = Guid.CreateVersion7();
        using (var notFound = await client.GetAsync(new Uri($"{TestApi.Persons}/{missing}", UriKind.Relative)))
        {
            notFound.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        }

        var events = await EventsAsync(user.Id);
        events.ShouldAllBe(e => e.Role == Roles.Ged && e.Hash.Length == 64);
        ShouldHave(events, "report.create", created.Id, AuditLog.Success);
        ShouldHave(events, "person.create", personId, AuditLog.Success);
        ShouldHave(events, "case.open", caseId, AuditLog.Success);
        ShouldHave(events, "report.read", created.Id, AuditLog.Success);
        ShouldHave(events, "person.read", personId, AuditLog.Success);
        ShouldHave(events, "case.transition", caseId, AuditLog.Success);
        ShouldHave(events, "person.read", missing, AuditLog.NotFound);
        events.Count(e => e.Action == "register.search").ShouldBe(2);

        // No personal payload: the search terms and names never reach the log.
        events.ShouldAllBe(e => e.Reason == null || (!e.Reason.Contains("trace", StringComparison.OrdinalIgnoreCase) && !e.Reason.Contains("Lucas", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadOfAnotherTerritorysReport_IsAuditedAsNotFound()
    {
        var ged59 = await factory.CreateUserAsync(Roles.Ged, "59");
        var ged62 = await factory.CreateUserAsync(Roles.Ged, "62");
        using var client59 = factory.ClientFor(ged59);
        using var client62 = factory.ClientFor(ged62);
        var created = await client59.CreateReportAsync(TestApi.Report(surname: "Ailleurs"));

        using var response = await client62.GetAsync(new Uri($"{TestApi.Reports}/{created.Id}", UriKind.Relative));

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        ShouldHave(await EventsAsync(ged62.Id), "report.read", created.Id, AuditLog.NotFound);
    }

    [Fact]
    public async Task Chain_AfterActivity_VerifiesInProcess()
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        await client.CreateReportAsync(TestApi.Report(surname: "Chaine"));

        var result = await factory.WithDbAsync(db => AuditVerifier.VerifyAsync(db));

        result.Holds.ShouldBeTrue(result.Problem);
        result.Checked.ShouldBeGreaterThanOrEqualTo(5);
        var seqs = await factory.WithDbAsync(db => db.AuditEvents.OrderBy(e => e.Seq).Select(e => e.Seq).ToListAsync());
        seqs.ShouldBe(Enumerable.Range(1, seqs.Count).Select(i => (long)i));
    }

    [Theory]
    [InlineData("UPDATE audit_events SET \"Reason\" = 'tampered' WHERE \"Seq\" = 1")]
    [InlineData("DELETE FROM audit_events WHERE \"Seq\" = 1")]
    [InlineData("DELETE FROM audit_events")]
    public async Task RawUpdateOrDelete_OnAuditEvents_IsRefusedByTheDatabase(string sql)
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        await client.CreateReportAsync(TestApi.Report(surname: "Brut"));
        var before = await factory.WithDbAsync(db => db.AuditEvents.CountAsync());

        var error = await Record.ExceptionAsync(() => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));

        error.ShouldBeAssignableTo<DbException>();
        error.Message.ShouldContain("append-only");
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync())).ShouldBe(before);
        (await factory.WithDbAsync(db => AuditVerifier.VerifyAsync(db))).Holds.ShouldBeTrue();
    }

    [Fact]
    public async Task BulkChange_OnAuditEvents_IsRefused()
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        await client.CreateReportAsync(TestApi.Report(surname: "Tronque"));
        var sql = factory.Database.IsPostgres ? "TRUNCATE audit_events" : "UPDATE audit_events SET \"Seq\" = \"Seq\" + 1000";

        var error = await Record.ExceptionAsync(() => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));

        error.ShouldBeAssignableTo<DbException>();
        error.Message.ShouldContain("append-only");
    }

    [Fact]
    public async Task ModifyingOrRemovingAnAuditEvent_ThroughTheDbContext_IsRefused()
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        await client.CreateReportAsync(TestApi.Report(surname: "Contexte"));

        var modify = await Record.ExceptionAsync(() => factory.WithDbAsync(async db =>
        {
            var first = await db.AuditEvents.OrderBy(e => e.Seq).FirstAsync();
            first.At = first.At.AddMinutes(-5);
            return await db.SaveChangesAsync();
        }));
        var remove = await Record.ExceptionAsync(() => factory.WithDbAsync(async db =>
        {
            db.AuditEvents.Remove(await db.AuditEvents.OrderBy(e => e.Seq).FirstAsync());
            return await db.SaveChangesAsync();
        }));

        modify.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("append-only");
        remove.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("append-only");
        (await factory.WithDbAsync(db => AuditVerifier.VerifyAsync(db))).Holds.ShouldBeTrue();
    }

    private static void ShouldHave(List<AuditEvent> events, string action, Guid objectId, string outcome) =>
        events.ShouldContain(
            e => e.Action == action && e.ObjectId == objectId.ToString() && e.Outcome == outcome,
            $"expected {action} {objectId} {outcome} in:\n{string.Join('\n', events.Select(e => $"{e.Seq} {e.Action} {e.ObjectId} {e.Outcome}"))}");
}
