using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Transfers;

/// <summary>
/// The receiving panel accepts or refuses a transfer (<c>panel.work</c> in the receiving département; the
/// sending panel sees the transfer but cannot settle it). The version the user read must still be current,
/// so of two members settling at once one wins and the other is told. An acceptance moves, in one
/// transaction, the person, all their cases and those cases' events, reports, duty alerts, assessments
/// (with their ratings) and campaign cases to the receiving département; decisions, agenda items and
/// minutes stay with the panel that made them. Audited <c>transfer.accepted</c> / <c>transfer.refused</c>.
/// </summary>
internal sealed class SettleTransfer(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock)
{
    public enum Outcome
    {
        Done,
        NotFound,
        Forbidden,
        Conflict,
        Refused,
    }

    public sealed record Result(Outcome Outcome, DomainError? Error = null, Guid? CaseId = null);

    /// <summary>True when the current user may settle a transfer addressed to <paramref name="toTerritory"/>.</summary>
    public static bool CanSettle(AccessScope scope, string toTerritory) =>
        scope.Can(Permissions.PanelWork) && scope.CoversTerritory(toTerritory);

    public Task<Result> AcceptAsync(Guid transferId, int expectedVersion, CancellationToken ct) =>
        SettleAsync(transferId, expectedVersion, accept: true, reason: null, ct);

    public Task<Result> RefuseAsync(Guid transferId, string? reason, int expectedVersion, CancellationToken ct) =>
        SettleAsync(transferId, expectedVersion, accept: false, reason, ct);

    private async Task<Result> SettleAsync(Guid transferId, int expectedVersion, bool accept, string? reason, CancellationToken ct)
    {
        var action = accept ? "transfer.accepted" : "transfer.refused";
        var transfer = await db.CaseTransfers.FirstOrDefaultAsync(t => t.Id == transferId, ct);
        if (transfer is null)
        {
            await audit.RecordAsync(action, nameof(CaseTransfer), transferId, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        if (!CanSettle(actor.Scope, transfer.ToTerritory))
        {
            await audit.RecordAsync(action, nameof(CaseTransfer), transferId, AuditLog.Denied, territory: transfer.ToTerritory, ct: ct);
            return new Result(Outcome.Forbidden);
        }

        if (transfer.Version != expectedVersion)
        {
            return new Result(Outcome.Conflict);
        }

        if (transfer.Status != TransferStatus.Pending)
        {
            return new Result(Outcome.Refused, new TransferNotPending());
        }

        // The one exception to the territory filter here: until it accepts, the receiving panel cannot read
        // the case, yet settling changes it. The case is read narrowly, by the id of a transfer addressed to
        // this user's panel (checked above), and nothing of it is shown before acceptance.
        var @case = await db.Cases.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == transfer.CaseId, ct);
        if (@case is null)
        {
            return new Result(Outcome.Refused, new TransferNotPending());
        }

        var from = @case.TerritoryCode;
        var actorId = actor.Scope.UserId ?? "system";
        var now = clock.GetUtcNow().UtcDateTime;
        var eventsBefore = @case.Events.Count;
        var error = accept ? @case.AcceptTransfer(transfer, actorId, now) : @case.RefuseTransfer(transfer, reason, actorId, now);
        if (error is not null)
        {
            return new Result(Outcome.Refused, error);
        }

        db.CaseEvents.AddRange(@case.Events.Skip(eventsBefore));
        audit.Append(action, nameof(CaseTransfer), transfer.Id, reason: $"{transfer.FromTerritory}>{transfer.ToTerritory}", territory: transfer.ToTerritory);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Saved first, inside this transaction: the version checks fail fast for the loser of a race, and
            // the audit chain's lock is taken before the rows moved below (one lock order for every writer).
            await db.SaveChangesAsync(ct);
            if (accept)
            {
                await MoveRecordsAsync(@case.PersonId, from, transfer.ToTerritory, ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            return new Result(Outcome.Conflict);
        }

        return new Result(Outcome.Done, CaseId: @case.Id);
    }

    /// <summary>
    /// Moves the person and every record of their cases that carries a territory to <paramref name="to"/>.
    /// Past the query filters (the receiving panel could not see them yet), narrowed to this person.
    /// Panel records (decisions, agenda items, follow-ups, minutes) keep the territory of the panel that made them.
    /// </summary>
    private async Task MoveRecordsAsync(Guid personId, string from, string to, CancellationToken ct)
    {
        await db.Persons.IgnoreQueryFilters().Where(p => p.Id == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.TerritoryCode, to).SetProperty(p => p.Version, p => p.Version + 1), ct);
        var caseIds = await db.Cases.IgnoreQueryFilters().Where(c => c.PersonId == personId).Select(c => c.Id).ToListAsync(ct);
        await db.Cases.IgnoreQueryFilters().Where(c => c.PersonId == personId && c.TerritoryCode == from)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TerritoryCode, to).SetProperty(c => c.Version, c => c.Version + 1), ct);
        await db.CaseEvents.IgnoreQueryFilters().Where(e => caseIds.Contains(e.CaseId))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TerritoryCode, to), ct);
        var reportIds = await db.Reports.IgnoreQueryFilters()
            .Where(r => r.PersonId == personId || (r.CaseId != null && caseIds.Contains(r.CaseId.Value)))
            .Select(r => r.Id)
            .ToListAsync(ct);
        await db.Reports.IgnoreQueryFilters().Where(r => reportIds.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.TerritoryCode, to).SetProperty(r => r.Version, r => r.Version + 1), ct);
        await db.DutyAlerts.IgnoreQueryFilters().Where(a => reportIds.Contains(a.ReportId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TerritoryCode, to).SetProperty(a => a.Version, a => a.Version + 1), ct);
        var assessmentIds = await db.Assessments.IgnoreQueryFilters().Where(a => caseIds.Contains(a.CaseId)).Select(a => a.Id).ToListAsync(ct);
        await db.Assessments.IgnoreQueryFilters().Where(a => assessmentIds.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TerritoryCode, to).SetProperty(a => a.Version, a => a.Version + 1), ct);
        await db.AssessmentRatings.IgnoreQueryFilters().Where(r => assessmentIds.Contains(r.AssessmentId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.TerritoryCode, to), ct);
        await db.CampaignCases.IgnoreQueryFilters().Where(c => caseIds.Contains(c.CaseId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TerritoryCode, to), ct);
        await Minors.MinorsRecords.MoveAsync(db, caseIds, to, ct);
    }
}
