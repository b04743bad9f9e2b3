using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Persons;

/// <summary>
/// A person's file: identity, cases with their dated timeline, reports. Loaded through the filtered
/// sets (a person of another territory or compartment is not found) and served only once its
/// audit event is stored. Shared by the person page and <c>GET /api/v1/persons/{id}</c>. A person a
/// data steward merged into another says so (<see cref="View.MergedIntoId"/>); the merges a person took
/// part in are listed to users covering both persons' territories (the query filter on merges).
/// </summary>
internal sealed class PersonFile(PasserelleDb db, AuditLog audit)
{
    public sealed record View(
        Guid Id,
        string GivenName,
        string Surname,
        string? Aliases,
        string? DateOfBirth,
        string? PlaceOfBirth,
        Sex Sex,
        string? Address,
        string Territory,
        IReadOnlyList<CaseView> Cases,
        IReadOnlyList<ReportLine> Reports,
        Guid? MergedIntoId,
        string? MergedIntoName,
        IReadOnlyList<MergeLine> Merges);

    public sealed record CaseView(Guid Id, CaseStatus Status, DateTime OpenedAt, int Version, IReadOnlyList<CaseStatus> NextStatuses, IReadOnlyList<EventLine> Timeline);

    public sealed record EventLine(DateTime At, CaseEventKind Kind, CaseStatus? From, CaseStatus? To, string? Reason, string Actor, Guid? ReportId);

    public sealed record ReportLine(Guid Id, string Receipt, DateTime ReceivedAt, ReportSource Source, Urgency Urgency);

    /// <summary>One merge this person took part in (as survivor or as merged), undone or not; names are null outside the reader's scope.</summary>
    public sealed record MergeLine(
        Guid Id, Guid SurvivorId, string? SurvivorName, Guid MergedId, string? MergedName, DateTime MergedAt, string MergedBy, string MergedByRole,
        string Reason, DateTime? UndoneAt, string? UndoneBy, string? UndoReason);

    public async Task<View?> LoadAsync(Guid id, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            await audit.RecordAsync("person.read", nameof(Person), id, AuditLog.NotFound, ct: ct);
            return null;
        }

        var cases = await db.Cases.AsNoTracking().Where(c => c.PersonId == id).OrderByDescending(c => c.OpenedAt).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        // At the same instant: opened, then report attached, then status changed (the kinds sort so as stored text too).
        var events = await db.CaseEvents.AsNoTracking().Where(e => caseIds.Contains(e.CaseId)).OrderBy(e => e.At).ThenBy(e => e.Kind).ThenBy(e => e.Id).ToListAsync(ct);
        var actorIds = events.Select(e => e.ActorId).Distinct().ToList();
        var actors = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.PersonId == id)
            .OrderByDescending(r => r.ReceivedAt)
            .Select(r => new ReportLine(r.Id, r.Receipt, r.ReceivedAt, r.Source, r.Urgency))
            .ToListAsync(ct);

        var merges = await db.PersonMerges.AsNoTracking()
            .Where(m => m.SurvivorId == id || m.MergedId == id)
            .OrderByDescending(m => m.MergedAt).ThenByDescending(m => m.Id)
            .ToListAsync(ct);
        var otherIds = merges.SelectMany(m => new[] { m.SurvivorId, m.MergedId })
            .Append(person.MergedIntoId ?? id)
            .Where(x => x != id)
            .Distinct()
            .ToList();
        var others = await db.Persons.AsNoTracking()
            .Where(p => otherIds.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.Surname, p.TerritoryCode })
            .ToDictionaryAsync(p => p.Id, ct);
        var stewardIds = merges.Select(m => m.MergedById).Concat(merges.Select(m => m.UndoneById ?? string.Empty)).Distinct().ToList();
        var stewards = await db.Users.AsNoTracking()
            .Where(u => stewardIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Role })
            .ToDictionaryAsync(u => u.Id, ct);
        string? NameOf(Guid other) =>
            other == id ? $"{person.Surname.ToUpperInvariant()} {person.GivenName}"
            : others.TryGetValue(other, out var o) ? $"{o.Surname.ToUpperInvariant()} {o.GivenName}" : null;

        audit.Append("person.read", nameof(Person), id, territory: person.TerritoryCode);

        // The persons named in the merge notice or history were read too.
        foreach (var other in others.Values)
        {
            audit.Append("person.listed", nameof(Person), other.Id, reason: "merge history", territory: other.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);

        return new View(
            person.Id, person.GivenName, person.Surname, person.Aliases, person.DateOfBirth?.ToString(), person.PlaceOfBirth,
            person.Sex, person.Address, person.TerritoryCode,
            [.. cases.Select(c => new CaseView(c.Id, c.Status, c.OpenedAt, c.Version, c.NextStatuses, [.. events
                .Where(e => e.CaseId == c.Id)
                .Select(e => new EventLine(e.At, e.Kind, e.FromStatus, e.ToStatus, e.Reason, actors.GetValueOrDefault(e.ActorId) ?? e.ActorId, e.ReportId))]))],
            reports,
            person.MergedIntoId,
            person.MergedIntoId is { } survivorId ? NameOf(survivorId) : null,
            [.. merges.Select(m => new MergeLine(
                m.Id, m.SurvivorId, NameOf(m.SurvivorId), m.MergedId, NameOf(m.MergedId), m.MergedAt,
                stewards.TryGetValue(m.MergedById, out var by) ? by.DisplayName : m.MergedById,
                stewards.TryGetValue(m.MergedById, out var role) ? role.Role : string.Empty,
                m.Reason, m.UndoneAt,
                m.UndoneById is null ? null : stewards.TryGetValue(m.UndoneById, out var undoneBy) ? undoneBy.DisplayName : m.UndoneById,
                m.UndoReason))]);
    }
}
