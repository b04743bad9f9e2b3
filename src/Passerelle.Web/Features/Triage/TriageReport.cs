using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Triage;

/// <summary>
/// The triage queue of a département's panel (issue 4, "Behind the doors"): reports received through
/// the hotline, partners and public forms wait here, most urgent and oldest first, until a panel member
/// takes one in charge (attaches it to a person of the register, or creates one) or closes it as not
/// pursued with a reason. Reports are read through the scoped query: another département's queue is
/// invisible. The version read must still be current, so two members cannot handle one report twice.
/// </summary>
internal sealed class TriageReport(PasserelleDb db, RecordReport record, AuditLog audit, CurrentActor actor, TimeProvider clock, Retention.RetentionRules retention)
{
    public const int PageSize = 20;

    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
        Refused,
    }

    public sealed record Result(Outcome Outcome, FieldError? Error = null, Guid? PersonId = null);

    public sealed record Row(Guid Id, string Receipt, string Territory, ReportSource Source, Urgency Urgency, DateTime ReceivedAt, string GivenName, string Surname);

    /// <summary>Waiting reports of the user's départements: urgency first, then the oldest.</summary>
    public sealed record Queue(IReadOnlyList<Row> Rows, int Total, IReadOnlyDictionary<Urgency, int> WaitingByUrgency, DateTime? OldestReceivedAt);

    public async Task<Queue> ListAsync(int page, CancellationToken ct)
    {
        var waiting = db.Reports.AsNoTracking().Where(r => r.Status == ReportStatus.Received);
        var byUrgency = await waiting.GroupBy(r => r.Urgency).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var total = byUrgency.Sum(g => g.Count);
        var oldest = total == 0 ? (DateTime?)null : await waiting.MinAsync(r => r.ReceivedAt, ct);
        var rows = await waiting
            .OrderByDescending(r => r.Urgency).ThenBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(r => new Row(r.Id, r.Receipt, r.TerritoryCode, r.Source, r.Urgency, r.ReceivedAt, r.ReportedGivenName, r.ReportedSurname))
            .ToListAsync(ct);
        audit.Append("triage.listed", nameof(Report), null, reason: $"{rows.Count} of {total} shown");
        foreach (var row in rows)
        {
            audit.Append("report.listed", nameof(Report), row.Id, reason: "triage queue", territory: row.Territory);
        }

        await db.SaveChangesAsync(ct);
        return new Queue(rows, total, byUrgency.ToDictionary(g => g.Key, g => g.Count), oldest);
    }

    /// <summary>An imminent-danger alert not yet acknowledged: the receipt, the département and when it was raised.</summary>
    public sealed record Alert(Guid Id, Guid ReportId, string Receipt, string Territory, DateTime RaisedAt, int Version);

    /// <summary>
    /// The unacknowledged duty alerts of the user's départements (the query filter on <see cref="DutyAlert"/>
    /// narrows them), oldest first: they sit on top of the queue until a member acknowledges them.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> PendingAlertsAsync(CancellationToken ct) =>
        await (from a in db.DutyAlerts.AsNoTracking()
               where a.AcknowledgedAt == null
               join r in db.Reports.AsNoTracking() on a.ReportId equals r.Id
               orderby a.RaisedAt, a.Id
               select new Alert(a.Id, a.ReportId, r.Receipt, a.TerritoryCode, a.RaisedAt, a.Version))
            .Take(100)
            .ToListAsync(ct);

    /// <summary>A panel member acknowledges a duty alert; the version read must still be current (two members, one acknowledgement).</summary>
    public async Task<Result> AcknowledgeAsync(Guid alertId, int expectedVersion, CancellationToken ct)
    {
        var alert = await db.DutyAlerts.FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null || !actor.Scope.Can(Permissions.RegisterWrite))
        {
            await audit.RecordAsync("duty-alert.acknowledged", nameof(DutyAlert), alertId, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        if (alert.AcknowledgedAt is not null || alert.Version != expectedVersion)
        {
            return new Result(Outcome.Conflict);
        }

        alert.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
        alert.AcknowledgedById = actor.Scope.UserId ?? "system";
        audit.Append("duty-alert.acknowledged", nameof(DutyAlert), alert.Id, territory: alert.TerritoryCode);
        return await SaveAsync(null, ct);
    }

    /// <summary>Attaches a waiting report to <paramref name="personId"/>, or to a new person built from it when null.</summary>
    public async Task<Result> TakeInChargeAsync(Guid reportId, Guid? personId, int expectedVersion, CancellationToken ct)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null || !actor.Scope.Can(Permissions.RegisterWrite))
        {
            await audit.RecordAsync("report.take-in-charge", nameof(Report), reportId, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        if (report.Version != expectedVersion)
        {
            return new Result(Outcome.Conflict);
        }

        var error = await record.AttachAsync(report, personId, actor.Scope.UserId ?? "system", clock.GetUtcNow().UtcDateTime, ct);
        if (error is not null)
        {
            return new Result(error.Field == "report" ? Outcome.Conflict : Outcome.Refused, error);
        }

        audit.Append("report.take-in-charge", nameof(Report), report.Id, reason: personId is null ? "new person" : "existing person", territory: report.TerritoryCode);
        return await SaveAsync(report.PersonId, ct);
    }

    /// <summary>Closes a waiting report as not pursued; the reason is required and kept.</summary>
    public async Task<Result> CloseAsync(Guid reportId, string? reason, int expectedVersion, CancellationToken ct)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null || !actor.Scope.Can(Permissions.RegisterWrite))
        {
            await audit.RecordAsync("report.not-pursued", nameof(Report), reportId, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        var errors = new List<FieldError>();
        var text = ReportValidation.FreeText(errors, "reason", reason, Report.MaxClosingReasonLength);
        if (errors.Count > 0)
        {
            return new Result(Outcome.Refused, errors[0]);
        }

        if (report.Version != expectedVersion)
        {
            return new Result(Outcome.Conflict);
        }

        if (report.CloseNotPursued(text, actor.Scope.UserId ?? "system", clock.GetUtcNow().UtcDateTime, retention.NotPursuedReport) is { } refused)
        {
            return new Result(refused is ReportNotWaiting ? Outcome.Conflict : Outcome.Refused, new FieldError("reason", "error." + refused.Code));
        }

        audit.Append("report.not-pursued", nameof(Report), report.Id, reason: text, territory: report.TerritoryCode);
        return await SaveAsync(null, ct);
    }

    private async Task<Result> SaveAsync(Guid? personId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Result(Outcome.Conflict);
        }

        return new Result(Outcome.Done, PersonId: personId);
    }
}
