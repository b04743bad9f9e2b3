using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Audit;

/// <summary>
/// Appends audit events to the current unit of work. The event is stored by the same
/// <c>SaveChangesAsync</c> as the change it records, in one transaction (CONVENTIONS.md habit 5);
/// for a read, callers save before serving the page, so no event means no page.
/// </summary>
internal sealed class AuditLog(PasserelleDb db, CurrentActor actor, TimeProvider clock)
{
    private static long appendCounter;

    public const string Success = "success";
    public const string Denied = "denied";
    public const string NotFound = "not-found";
    public const string Failure = "failure";

    public void Append(string action, string objectType, object? objectId, string outcome = Success, string? reason = null, string? territory = null)
    {
        var scope = actor.Scope;
        db.AuditEvents.Add(new AuditEvent
        {
            At = AuditEvent.Truncate(clock.GetUtcNow().UtcDateTime),
            UserId = scope.UserId ?? "anonymous",
            Role = scope.Role.Length == 0 ? "none" : scope.Role,
            Territory = territory ?? scope.AuditTerritory,
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId?.ToString(),
            Outcome = outcome,
            Reason = reason,
            CorrelationId = actor.CorrelationId,
            AppendOrder = Interlocked.Increment(ref appendCounter),
        });
    }

    /// <summary>Records and stores an event on its own (reads, sign-ins, denials).</summary>
    public async Task RecordAsync(string action, string objectType, object? objectId, string outcome = Success, string? reason = null, string? territory = null, CancellationToken ct = default)
    {
        Append(action, objectType, objectId, outcome, reason, territory);
        await db.SaveChangesAsync(ct);
    }
}
