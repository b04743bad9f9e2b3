using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Cases;

/// <summary>
/// Moves a case of the user's register to a new status, recording who, when and why. The case is
/// found through the scoped query (another territory's case is "not found"); the version the user
/// saw must still be current, so a concurrent change is reported instead of overwritten.
/// </summary>
internal sealed class TransitionCase(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock)
{
    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
        Refused,
    }

    public sealed record Result(Outcome Outcome, DomainError? Error = null, int Version = 0);

    public async Task<Result> ExecuteAsync(Guid caseId, CaseStatus to, string? reason, int expectedVersion, CancellationToken ct)
    {
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null)
        {
            await audit.RecordAsync("case.transition", nameof(Case), caseId, AuditLog.NotFound, ct: ct);
            return new Result(Outcome.NotFound);
        }

        if (@case.Version != expectedVersion)
        {
            return new Result(Outcome.Conflict, Version: @case.Version);
        }

        var eventsBefore = @case.Events.Count;
        var error = @case.Transition(to, reason, actor.Scope.UserId ?? "system", clock.GetUtcNow().UtcDateTime);
        if (error is not null)
        {
            return new Result(Outcome.Refused, error, @case.Version);
        }

        if (@case.IsOpen)
        {
            // A reopened case is no longer due for deletion (the closed-case retention rule starts again at its next closure).
            @case.RetainUntil = null;
        }

        db.CaseEvents.AddRange(@case.Events.Skip(eventsBefore));
        audit.Append("case.transition", nameof(Case), @case.Id, reason: to.ToString(), territory: @case.TerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Result(Outcome.Conflict);
        }

        return new Result(Outcome.Done, Version: @case.Version);
    }
}
