using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Minors;

/// <summary>
/// The protocols' part in two register-wide moves, past the query filters and narrowed to the given cases:
/// a transfer's acceptance (the protocols, their reviews and their health notes follow the case's territory) and
/// the closed-case purge (they go with the case). Called inside the caller's transaction.
/// </summary>
internal static class MinorsRecords
{
    public static async Task MoveAsync(PasserelleDb db, IReadOnlyCollection<Guid> caseIds, string to, CancellationToken ct)
    {
        var minorIds = db.ReturningMinors.IgnoreQueryFilters().Where(m => caseIds.Contains(m.CaseId)).Select(m => m.Id);
        await db.MinorReviews.IgnoreQueryFilters().Where(r => minorIds.Contains(r.MinorId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.TerritoryCode, to), ct);
        await db.HealthNotes.IgnoreQueryFilters().Where(n => n.MinorId != null && minorIds.Contains(n.MinorId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.TerritoryCode, to), ct);
        await db.ReturningMinors.IgnoreQueryFilters().Where(m => caseIds.Contains(m.CaseId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TerritoryCode, to).SetProperty(m => m.Version, m => m.Version + 1), ct);
    }

    public static async Task PurgeAsync(PasserelleDb db, IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        var minorIds = db.ReturningMinors.IgnoreQueryFilters().Where(m => caseIds.Contains(m.CaseId)).Select(m => m.Id);
        await db.HealthNotes.IgnoreQueryFilters().Where(n => n.MinorId != null && minorIds.Contains(n.MinorId.Value)).ExecuteDeleteAsync(ct);
        await db.MinorReviews.IgnoreQueryFilters().Where(r => minorIds.Contains(r.MinorId)).ExecuteDeleteAsync(ct);
        await db.ReturningMinors.IgnoreQueryFilters().Where(m => caseIds.Contains(m.CaseId)).ExecuteDeleteAsync(ct);
    }
}
