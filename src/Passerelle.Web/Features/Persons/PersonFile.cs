using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Persons;

/// <summary>
/// A person's file: identity, cases with their dated timeline, reports. Loaded through the filtered
/// sets (a person of another territory or compartment is not found) and served only once its
/// audit event is stored. Shared by the person page and <c>GET /api/v1/persons/{id}</c>.
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
        IReadOnlyList<ReportLine> Reports);

    public sealed record CaseView(Guid Id, CaseStatus Status, DateTime OpenedAt, int Version, IReadOnlyList<CaseStatus> NextStatuses, IReadOnlyList<EventLine> Timeline);

    public sealed record EventLine(DateTime At, CaseEventKind Kind, CaseStatus? From, CaseStatus? To, string? Reason, string Actor, Guid? ReportId);

    public sealed record ReportLine(Guid Id, string Receipt, DateTime ReceivedAt, ReportSource Source, Urgency Urgency);

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

        audit.Append("person.read", nameof(Person), id, territory: person.TerritoryCode);
        await db.SaveChangesAsync(ct);

        return new View(
            person.Id, person.GivenName, person.Surname, person.Aliases, person.DateOfBirth?.ToString(), person.PlaceOfBirth,
            person.Sex, person.Address, person.TerritoryCode,
            [.. cases.Select(c => new CaseView(c.Id, c.Status, c.OpenedAt, c.Version, c.NextStatuses, [.. events
                .Where(e => e.CaseId == c.Id)
                .Select(e => new EventLine(e.At, e.Kind, e.FromStatus, e.ToStatus, e.Reason, actors.GetValueOrDefault(e.ActorId) ?? e.ActorId, e.ReportId))]))],
            reports);
    }
}
