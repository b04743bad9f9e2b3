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
    public const string ClosedCases = "closed-cases";
    public const string EndedCarePlans = "ended-care-plans";
    public const string DeclinedCareReferrals = "declined-care-referrals";
    public const string EndedParticipants = "ended-participants";

    /// <summary>The persons deleted with their last closed case (a second line of the same purge report).</summary>
    public const string ClosedCasePersons = "closed-cases-persons";

    /// <summary>What an agenda item of a purged case says in the minutes instead of the case.</summary>
    public const string PurgedNote = "purged";

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

        results.Add(new(ClosedCases, await PurgeClosedCasesAsync(runBy, now, ct)));

        // A care plan past its deadline (set when it ended: RetentionRules.EndedCarePlan) goes with every row of it and its referral.
        results.Add(new(EndedCarePlans, await PurgeAsync(
            EndedCarePlans,
            db.CarePlans.IgnoreQueryFilters().Where(p => p.Status != CarePlanStatus.Active && p.RetainUntil != null && p.RetainUntil <= now).Select(p => p.Id),
            ids => PurgeCarePlansAsync(ids, ct),
            runBy,
            now,
            ct)));

        // A referral the person declined carries no plan: it goes a period after the refusal (its SettledAt).
        var declinedBefore = now - rules.DeclinedCareReferral;
        results.Add(new(DeclinedCareReferrals, await PurgeAsync(
            DeclinedCareReferrals,
            db.CareReferrals.IgnoreQueryFilters().Where(r => r.Status == CareReferralStatus.Declined && r.SettledAt != null && r.SettledAt <= declinedBefore).Select(r => r.Id),
            ids => db.CareReferrals.IgnoreQueryFilters().Where(r => ids.Contains(r.Id) && r.Status == CareReferralStatus.Declined).ExecuteDeleteAsync(ct),
            runBy,
            now,
            ct)));

        // A programme participant ended (or never enrolled) past its deadline, with obligations, plan components and
        // events; a release that named them loses the link. The evaluation counts participants, so they leave it too.
        results.Add(new(EndedParticipants, await PurgeAsync(
            EndedParticipants,
            db.ProgrammeParticipants.IgnoreQueryFilters().Where(p => p.RetainUntil != null && p.RetainUntil <= now).Select(p => p.Id),
            async ids =>
            {
                await db.ParticipantEvents.IgnoreQueryFilters().Where(e => ids.Contains(e.ParticipantId)).ExecuteDeleteAsync(ct);
                await db.PlanComponents.IgnoreQueryFilters().Where(c => ids.Contains(c.ParticipantId)).ExecuteDeleteAsync(ct);
                await db.CourtObligations.IgnoreQueryFilters().Where(o => ids.Contains(o.ParticipantId)).ExecuteDeleteAsync(ct);
                await db.PrisonReleases.IgnoreQueryFilters().Where(r => r.ParticipantId != null && ids.Contains(r.ParticipantId.Value))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.ParticipantId, (Guid?)null).SetProperty(r => r.Version, r => r.Version + 1), ct);
                return await db.ProgrammeParticipants.IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
            },
            runBy,
            now,
            ct)));

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

    /// <summary>
    /// Closed cases (or closed then archived: archiving does not escape the rule) past their deadline
    /// (<see cref="Case.RetainUntil"/>, set when a closure takes effect), in
    /// batches, each in one transaction: the case and every record of it — campaign cases, assessments and their
    /// ratings, transfers, its decisions (the minutes then count them as purged), follow-ups about it, case
    /// events, reports and their duty alerts; agenda items keep their place in the minutes, without the case
    /// ("purged"). Then the person when no other case remains (match keys go with them; reports still naming
    /// the person without a case lose the link and keep their own rule), except a person a data steward merged
    /// or kept as a survivor: the merge history points to them, so they are kept and the report says so.
    /// </summary>
    private async Task<int> PurgeClosedCasesAsync(string runBy, DateTime now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var due = await db.Cases.IgnoreQueryFilters()
                .Where(c => (c.Status == CaseStatus.Closed || c.Status == CaseStatus.Archived) && c.RetainUntil != null && c.RetainUntil <= now)
                .OrderBy(c => c.Id)
                .Take(BatchSize)
                .Select(c => new { c.Id, c.PersonId })
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                return total;
            }

            var ids = due.Select(c => c.Id).ToList();
            var personIds = due.Select(c => c.PersonId).Distinct().ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.AgendaItems.IgnoreQueryFilters().Where(a => a.CaseId != null && ids.Contains(a.CaseId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CaseId, (Guid?)null).SetProperty(a => a.Note, PurgedNote).SetProperty(a => a.Version, a => a.Version + 1), ct);
            await db.MeetingFollowUps.IgnoreQueryFilters().Where(f => f.CaseId != null && ids.Contains(f.CaseId.Value)).ExecuteDeleteAsync(ct);
            await db.CampaignCases.IgnoreQueryFilters().Where(c => ids.Contains(c.CaseId)).ExecuteDeleteAsync(ct);
            var assessmentIds = db.Assessments.IgnoreQueryFilters().Where(a => ids.Contains(a.CaseId)).Select(a => a.Id);
            await db.AssessmentRatings.IgnoreQueryFilters().Where(r => assessmentIds.Contains(r.AssessmentId)).ExecuteDeleteAsync(ct);
            await db.Assessments.IgnoreQueryFilters().Where(a => ids.Contains(a.CaseId)).ExecuteDeleteAsync(ct);
            await db.CaseTransfers.IgnoreQueryFilters().Where(t => ids.Contains(t.CaseId)).ExecuteDeleteAsync(ct);
            await db.PanelDecisions.IgnoreQueryFilters().Where(d => ids.Contains(d.CaseId)).ExecuteDeleteAsync(ct);
            await db.CaseEvents.IgnoreQueryFilters().Where(e => ids.Contains(e.CaseId)).ExecuteDeleteAsync(ct);
            await Minors.MinorsRecords.PurgeAsync(db, ids, ct);
            // A CPRAF referral still waiting for consent goes with its case; a plan, once opened, keeps its own rule.
            await db.CareReferrals.IgnoreQueryFilters().Where(r => ids.Contains(r.CaseId) && r.Status == CareReferralStatus.Waiting).ExecuteDeleteAsync(ct);
            var reportIds = db.Reports.IgnoreQueryFilters().Where(r => r.CaseId != null && ids.Contains(r.CaseId.Value)).Select(r => r.Id);
            await db.DutyAlerts.IgnoreQueryFilters().Where(a => reportIds.Contains(a.ReportId)).ExecuteDeleteAsync(ct);
            await db.Reports.IgnoreQueryFilters().Where(r => r.CaseId != null && ids.Contains(r.CaseId.Value)).ExecuteDeleteAsync(ct);
            var deleted = await db.Cases.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);

            var alone = await db.Persons.IgnoreQueryFilters()
                .Where(p => personIds.Contains(p.Id) && !db.Cases.IgnoreQueryFilters().Any(c => c.PersonId == p.Id))
                .Select(p => new { p.Id, Merged = db.PersonMerges.IgnoreQueryFilters().Any(m => m.SurvivorId == p.Id || m.MergedId == p.Id) })
                .ToListAsync(ct);
            var gone = alone.Where(p => !p.Merged).Select(p => p.Id).ToList();
            var kept = alone.Count - gone.Count;
            await db.Reports.IgnoreQueryFilters().Where(r => r.PersonId != null && gone.Contains(r.PersonId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, (Guid?)null), ct);
            await db.PersonMatchKeys.Where(k => gone.Contains(k.PersonId)).ExecuteDeleteAsync(ct);
            var personsDeleted = await db.Persons.IgnoreQueryFilters().Where(p => gone.Contains(p.Id)).ExecuteDeleteAsync(ct);

            db.RetentionRuns.Add(new RetentionRun { RanAt = now, Rule = ClosedCases, Deleted = deleted, DeletedIds = string.Join(',', ids), RunBy = runBy });
            if (personsDeleted > 0)
            {
                db.RetentionRuns.Add(new RetentionRun { RanAt = now, Rule = ClosedCasePersons, Deleted = personsDeleted, DeletedIds = string.Join(',', gone), RunBy = runBy });
            }

            audit.Append("retention.purged", ClosedCases, null,
                reason: $"{ClosedCases}: {deleted} deleted, {personsDeleted} person(s) deleted, {kept} person(s) kept (merge history)");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            total += deleted;
            if (due.Count < BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<int> PurgeCarePlansAsync(List<Guid> ids, CancellationToken ct)
    {
        var referralIds = await db.CarePlans.IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).Select(p => p.ReferralId).ToListAsync(ct);
        await db.HealthNotes.IgnoreQueryFilters().Where(n => n.PlanId != null && ids.Contains(n.PlanId.Value)).ExecuteDeleteAsync(ct);
        await db.CareSessions.IgnoreQueryFilters().Where(s => ids.Contains(s.PlanId)).ExecuteDeleteAsync(ct);
        await db.CareProgressReviews.IgnoreQueryFilters().Where(r => ids.Contains(r.PlanId)).ExecuteDeleteAsync(ct);
        await db.CareFamilyMembers.IgnoreQueryFilters().Where(m => ids.Contains(m.PlanId)).ExecuteDeleteAsync(ct);
        await db.CareInterventions.IgnoreQueryFilters().Where(i => ids.Contains(i.PlanId)).ExecuteDeleteAsync(ct);
        await db.CareGoals.IgnoreQueryFilters().Where(g => ids.Contains(g.PlanId)).ExecuteDeleteAsync(ct);
        var deleted = await db.CarePlans.IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
        await db.CareReferrals.IgnoreQueryFilters().Where(r => referralIds.Contains(r.Id)).ExecuteDeleteAsync(ct);
        return deleted;
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
    public static Task<bool> TryTakeLeaseAsync(PasserelleDb db, DateTime now, TimeSpan interval, string holder, CancellationToken ct) =>
        JobLease.TryTakeAsync(db, LeaseName, now, interval, holder, ct);
}

internal static partial class RetentionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run: {Deleted} record(s) deleted past their deadline")]
    public static partial void Ran(ILogger logger, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed; it will be tried again")]
    public static partial void Failed(ILogger logger, Exception e);
}
