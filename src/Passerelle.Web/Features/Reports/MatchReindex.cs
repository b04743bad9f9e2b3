using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Matching;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Reports;

/// <summary>
/// Recomputes every person's matching keys in <c>person_match_keys</c>: after an engine upgrade
/// changed how keys are made (<see cref="MatchKeys.Scheme"/>), or to repair the table. A person
/// merged into another has no keys of its own: its keys are added to the survivor's, so the
/// survivor is found under either spelling (as the merge itself does). Runs in batches, each in
/// its own transaction; safe to run again and to interrupt. Used by <c>passerelle match
/// reindex</c> and, when the stored scheme is not the engine's, by <see cref="MatchIndexWorker"/>.
/// </summary>
internal static class MatchReindex
{
    private const int BatchSize = 500;

    /// <summary>True when the stored keys were made with this engine's scheme.</summary>
    public static async Task<bool> IsCurrentAsync(PasserelleDb db, CancellationToken ct = default) =>
        await db.MatchIndexStates.AsNoTracking().AnyAsync(s => s.Id == MatchIndexState.SingletonId && s.Scheme == MatchKeys.Scheme, ct);

    /// <summary>Re-indexes every person, records the scheme and an audit event; returns (persons, keys).</summary>
    public static async Task<(int Persons, long Keys)> RunAsync(PasserelleDb db, AuditLog audit, TimeProvider clock, string reason, Action<int, int>? progress = null, CancellationToken ct = default)
    {
        var all = await db.Persons.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.MergedIntoId == null)
            .Select(p => p.Id)
            .ToListAsync(ct);
        long keys = 0;
        var done = 0;
        foreach (var chunk in all.Chunk(BatchSize))
        {
            var batch = await db.Persons.IgnoreQueryFilters().AsNoTracking()
                .Where(p => chunk.Contains(p.Id))
                .ToListAsync(ct);
            var ids = batch.Select(p => p.Id).ToList();
            var merged = await db.Persons.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.MergedIntoId != null && ids.Contains(p.MergedIntoId.Value))
                .ToListAsync(ct);
            var mergedBySurvivor = merged.ToLookup(p => p.MergedIntoId!.Value);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var mergedIds = merged.Select(p => p.Id).ToList();
            await db.PersonMatchKeys.Where(k => ids.Contains(k.PersonId) || mergedIds.Contains(k.PersonId)).ExecuteDeleteAsync(ct);
            foreach (var person in batch)
            {
                var personKeys = KeysWithMerged(person, mergedBySurvivor[person.Id]);
                db.PersonMatchKeys.AddRange(personKeys.Select(k => new PersonMatchKey { PersonId = person.Id, Key = k }));
                keys += personKeys.Count;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
            progress?.Invoke(done, all.Count);
        }

        var state = await db.MatchIndexStates.SingleOrDefaultAsync(s => s.Id == MatchIndexState.SingletonId, ct);
        if (state is null)
        {
            db.MatchIndexStates.Add(new MatchIndexState { Scheme = MatchKeys.Scheme, IndexedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            state.Scheme = MatchKeys.Scheme;
            state.IndexedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("match.reindex", nameof(Person), null, reason: $"{reason}, {done} persons, {keys} keys, scheme {MatchKeys.Scheme}", ct: ct);
        return (done, keys);
    }

    /// <summary>A survivor's keys: its own and those of every person merged into it, distinct.</summary>
    public static IReadOnlyList<string> KeysWithMerged(Person person, IEnumerable<Person> mergedInto) =>
        [.. FindCandidates.KeysOf(person).Concat(mergedInto.SelectMany(FindCandidates.KeysOf)).Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// At start-up, and then every <see cref="CheckInterval"/>, re-indexes the register when its keys
/// were made with another scheme than this engine's (an upgrade was deployed). Every instance
/// checks; the <see cref="JobLease"/> "match-reindex" makes only one of them run it. Persons
/// recorded meanwhile get keys of the new scheme at once; old keys still find what they found.
/// </summary>
internal sealed class MatchIndexWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MatchIndexWorker> logger) : BackgroundService
{
    public const string LeaseName = "match-reindex";

    /// <summary>How long a run may hold the lease before another instance may take over.</summary>
    public static readonly TimeSpan LeaseFor = TimeSpan.FromHours(1);

    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (persons, _) = await RunIfStaleAsync(scope.ServiceProvider, clock, JobLease.Instance, stoppingToken) ?? (-1, 0);
                if (persons >= 0)
                {
                    MatchIndexLog.Reindexed(logger, persons, MatchKeys.Scheme);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                MatchIndexLog.Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Re-indexes when the stored scheme is not the engine's and this instance takes the lease;
    /// null when the keys are current or another instance holds the lease.
    /// </summary>
    public static async Task<(int Persons, long Keys)?> RunIfStaleAsync(IServiceProvider services, TimeProvider clock, string holder, CancellationToken ct)
    {
        services.GetRequiredService<CurrentActor>().ActAs(AccessScope.System);
        var db = services.GetRequiredService<PasserelleDb>();
        if (await MatchReindex.IsCurrentAsync(db, ct) || !await JobLease.TryTakeAsync(db, LeaseName, clock.GetUtcNow().UtcDateTime, LeaseFor, holder, ct))
        {
            return null;
        }

        // The lease is taken: check again, another instance may have finished just before.
        if (await MatchReindex.IsCurrentAsync(db, ct))
        {
            return null;
        }

        return await MatchReindex.RunAsync(db, services.GetRequiredService<AuditLog>(), clock, "engine upgrade", ct: ct);
    }
}

internal static partial class MatchIndexLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Matching keys re-indexed for {Persons} person(s), scheme {Scheme}")]
    public static partial void Reindexed(ILogger logger, int persons, string scheme);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-indexing the matching keys failed; it will be tried again")]
    public static partial void Failed(ILogger logger, Exception e);
}
