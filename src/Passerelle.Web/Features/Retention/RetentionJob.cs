using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Retention;

/// <summary>
/// Enforces the retention deadlines (red line 5): deletes what has passed its deadline, rule by rule, in
/// batches, and writes for each rule that deleted something a <see cref="RetentionRun"/> (the purge report:
/// when, which rule, how many, which ids) and a <c>retention.purged</c> audit event, in the same
/// transaction as the deletion. Runs from the command line (<c>passerelle retention run</c>) and in the
/// background (<see cref="RetentionWorker"/>); the job lease makes one instance run it at a time.
/// The records are read with the query filters off: the job acts for the system, on deadlines only, and
/// never reads content.
/// </summary>
internal sealed class RetentionJob(PasserelleDb db, AuditLog audit, RetentionRules rules, TimeProvider clock)
{
    public const int BatchSize = 500;

    public const string NotPursuedReports = "not-pursued-report";
    public const string SectarianReferrals = "sectarian-referral";
    public const string SentMessages = "sent-message";
    public const string IdempotencyKeys = "idempotency-key";

    public sealed record RuleResult(string Rule, int Deleted);

    public async Task<IReadOnlyList<RuleResult>> RunAsync(string runBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new List<RuleResult>
        {
            new(NotPursuedReports, await PurgeAsync(
                NotPursuedReports,
                db.Reports.IgnoreQueryFilters().Where(r => r.Status == ReportStatus.NotPursued && r.RetainUntil != null && r.RetainUntil <= now).Select(r => r.Id),
                ids => db.Reports.IgnoreQueryFilters().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct),
                runBy,
                now,
                ct)),
            new(SectarianReferrals, await PurgeAsync(
                SectarianReferrals,
                db.SectarianReferrals.IgnoreQueryFilters().Where(r => r.RetainUntil != null && r.RetainUntil <= now).Select(r => r.Id),
                ids => db.SectarianReferrals.IgnoreQueryFilters().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct),
                runBy,
                now,
                ct)),
        };

        var sentBefore = now - rules.SentMessage;
        results.Add(new(SentMessages, await PurgeAsync(
            SentMessages,
            db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt <= sentBefore).Select(m => m.Id),
            ids => db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct),
            runBy,
            now,
            ct)));

        // Idempotency keys are counted, not listed (their ids are the callers' own keys).
        var keysBefore = now - rules.IdempotencyKey;
        var keys = await db.IdempotencyRecords.Where(r => r.CreatedAt <= keysBefore && r.StatusCode != IdempotencyRecord.InFlight).ExecuteDeleteAsync(ct);
        if (keys > 0)
        {
            db.RetentionRuns.Add(new RetentionRun { RanAt = now, Rule = IdempotencyKeys, Deleted = keys, RunBy = runBy });
            audit.Append("retention.purged", nameof(IdempotencyRecord), null, reason: $"{IdempotencyKeys}: {keys} deleted");
            await db.SaveChangesAsync(ct);
        }

        results.Add(new(IdempotencyKeys, keys));
        return results;
    }

    private async Task<int> PurgeAsync(string rule, IQueryable<Guid> expired, Func<List<Guid>, Task<int>> delete, string runBy, DateTime now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var ids = await expired.OrderBy(id => id).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return total;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var deleted = await delete(ids);
            db.RetentionRuns.Add(new RetentionRun
            {
                RanAt = now,
                Rule = rule,
                Deleted = deleted,
                DeletedIds = string.Join(',', ids),
                RunBy = runBy,
            });
            audit.Append("retention.purged", rule, null, reason: $"{rule}: {deleted} deleted");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            total += deleted;
            if (ids.Count < BatchSize)
            {
                return total;
            }
        }
    }
}

/// <summary>
/// Runs the retention job on a schedule. Every instance tries; the <see cref="JobLease"/> "retention" makes
/// only one run it per interval (a conditional update: the first to move the lease wins).
/// </summary>
internal sealed class RetentionWorker(IServiceScopeFactory scopes, RetentionRules rules, TimeProvider clock, ILogger<RetentionWorker> logger) : BackgroundService
{
    public const string LeaseName = "retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(AccessScope.System);
                var db = scope.ServiceProvider.GetRequiredService<PasserelleDb>();
                if (await TryTakeLeaseAsync(db, clock.GetUtcNow().UtcDateTime, rules.Interval, JobLease.Instance, stoppingToken))
                {
                    var results = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync("system:retention-worker", stoppingToken);
                    var deleted = results.Sum(r => r.Deleted);
                    RetentionLog.Ran(logger, deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RetentionLog.Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Takes the lease for <paramref name="interval"/> if it has passed; false when another instance holds it.</summary>
    public static async Task<bool> TryTakeLeaseAsync(PasserelleDb db, DateTime now, TimeSpan interval, string holder, CancellationToken ct)
    {
        if (!await db.JobLeases.AnyAsync(l => l.Name == LeaseName, ct))
        {
            try
            {
                db.JobLeases.Add(new JobLease { Name = LeaseName, Holder = holder, Until = now + interval });
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another instance created it first
                return false;
            }
        }

        var until = now + interval;
        var taken = await db.JobLeases.Where(l => l.Name == LeaseName && l.Until <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, until).SetProperty(l => l.Holder, holder), ct);
        return taken == 1;
    }
}

internal static partial class RetentionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run: {Deleted} record(s) deleted past their deadline")]
    public static partial void Ran(ILogger logger, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed; it will be tried again")]
    public static partial void Failed(ILogger logger, Exception e);
}
