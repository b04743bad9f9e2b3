using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using MatchKeys = Passerelle.Matching.MatchKeys;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>
/// After an engine upgrade changed how matching keys are made, the register is re-indexed by the
/// software, not by an operator remembering a command: the first instance to check takes the
/// lease and rebuilds every person's keys; the others, and the next checks, do nothing.
/// </summary>
public sealed class MatchIndexWorkerTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private Task<Guid> RecordPersonAsync(string surname) => factory.AsSystemAsync(async services =>
    {
        var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
            new ValidReport(ReportSource.Panel, "59", null, null, "Khassan", surname, null, new PartialDate(1998, 4, 12), "Nazran", Sex.Male,
                "3 rue de Paris, 59000 Lille", ["family-rupture"], "Premier signalement.", Urgency.Routine, null),
            CancellationToken.None);
        error.ShouldBeNull();
        return recorded!.PersonId;
    });

    private Task<List<string>> KeysAsync(Guid personId) =>
        factory.WithDbAsync(db => db.PersonMatchKeys.Where(k => k.PersonId == personId).Select(k => k.Key).OrderBy(k => k).ToListAsync());

    /// <summary>Keys as an older engine left them (some missing, one it made that this engine does not), and its scheme recorded.</summary>
    private Task LeaveKeysOfAnOlderEngineAsync(Guid personId) => factory.WithDbAsync(async db =>
    {
        await db.PersonMatchKeys.Where(k => k.PersonId == personId).OrderBy(k => k.Key).Take(3).ExecuteDeleteAsync();
        db.PersonMatchKeys.Add(new PersonMatchKey { PersonId = personId, Key = "x:older-engine" });
        await db.MatchIndexStates.ExecuteDeleteAsync();
        db.MatchIndexStates.Add(new MatchIndexState { Scheme = "0-older-engine", IndexedAt = factory.Clock.GetUtcNow().UtcDateTime.AddDays(-30) });
        await db.JobLeases.Where(l => l.Name == MatchIndexWorker.LeaseName).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
    });

    private Task<(int Persons, long Keys)?> CheckAsync(string instance) =>
        factory.AsSystemAsync(services => MatchIndexWorker.RunIfStaleAsync(services, factory.Clock, instance, CancellationToken.None));

    private Task<int> ReindexEventsAsync() => factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "match.reindex"));

    [Fact]
    public async Task AfterAnUpgrade_TheFirstCheckRebuildsEveryKey_RecordsTheScheme_AndTheNextCheckDoesNothing()
    {
        var personId = await RecordPersonAsync("Ievloev");
        var current = await KeysAsync(personId);
        await LeaveKeysOfAnOlderEngineAsync(personId);
        var eventsBefore = await ReindexEventsAsync();

        var run = await CheckAsync("instance-a");

        run.ShouldNotBeNull();
        run.Value.Persons.ShouldBeGreaterThanOrEqualTo(1);
        (await KeysAsync(personId)).ShouldBe(current);
        var state = await factory.WithDbAsync(db => db.MatchIndexStates.AsNoTracking().SingleAsync());
        state.Scheme.ShouldBe(MatchKeys.Scheme);
        (await ReindexEventsAsync()).ShouldBe(eventsBefore + 1);
        var reason = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "match.reindex").OrderByDescending(e => e.Seq).Select(e => e.Reason).FirstAsync());
        reason.ShouldNotBeNull();
        reason.ShouldContain("engine upgrade");
        reason.ShouldContain(MatchKeys.Scheme);

        // Another instance, or this one ten minutes later, after the lease has run out: nothing to do.
        factory.Clock.Advance(MatchIndexWorker.LeaseFor + TimeSpan.FromMinutes(1));
        (await CheckAsync("instance-b")).ShouldBeNull();
        (await ReindexEventsAsync()).ShouldBe(eventsBefore + 1);
    }

    [Fact]
    public async Task WhileAnotherInstanceHoldsTheLease_NothingIsTouched_UntilTheLeaseRunsOut()
    {
        var personId = await RecordPersonAsync("Yevloyev");
        var current = await KeysAsync(personId);
        await LeaveKeysOfAnOlderEngineAsync(personId);
        var stale = await KeysAsync(personId);
        await factory.WithDbAsync(db =>
        {
            db.JobLeases.Add(new JobLease { Name = MatchIndexWorker.LeaseName, Holder = "instance-a", Until = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(30) });
            return db.SaveChangesAsync();
        });

        (await CheckAsync("instance-b")).ShouldBeNull();
        (await KeysAsync(personId)).ShouldBe(stale);
        (await factory.WithDbAsync(db => db.MatchIndexStates.AsNoTracking().SingleAsync())).Scheme.ShouldBe("0-older-engine");

        // instance-a died mid-run: once its lease has run out, another instance takes over.
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        (await CheckAsync("instance-b")).ShouldNotBeNull();
        (await KeysAsync(personId)).ShouldBe(current);
    }

    [Fact]
    public async Task OnAFreshRegister_TheFirstCheckRecordsTheScheme()
    {
        await factory.WithDbAsync(async db =>
        {
            await db.MatchIndexStates.ExecuteDeleteAsync();
            await db.JobLeases.Where(l => l.Name == MatchIndexWorker.LeaseName).ExecuteDeleteAsync();
        });

        (await CheckAsync("instance-a")).ShouldNotBeNull();

        (await factory.WithDbAsync(db => db.MatchIndexStates.AsNoTracking().SingleAsync())).Scheme.ShouldBe(MatchKeys.Scheme);
        (await CheckAsync("instance-a")).ShouldBeNull();
    }
}
