using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Panel.Meetings;

/// <summary>One agenda line as shown: the person when the case is still visible, "transferred" when it has left the département.</summary>
internal sealed record ItemView(
    Guid Id, int Position, AgendaItemKind Kind, AgendaItemState State, string? Note, Guid? CaseId, Guid? TransferId,
    string? PersonName, CaseStatus? Status, DateOnly? NextReview, bool Gone, string? TransferLabel)
{
    public bool IsCase => CaseId is not null;
}

/// <summary>Reads a meeting's agenda lines with the persons they concern, and audits who was shown.</summary>
internal static class MeetingView
{
    public static async Task<List<ItemView>> ItemsAsync(PasserelleDb db, Guid meetingId, CancellationToken ct)
    {
        var items = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Position).ToListAsync(ct);
        var caseIds = items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.PersonId, c.Person!.Surname, c.Person.GivenName, c.Status, c.NextReviewOn, c.TerritoryCode })
            .ToDictionaryAsync(c => c.Id, ct);
        var transferIds = items.Where(i => i.TransferId is not null).Select(i => i.TransferId!.Value).ToList();
        var transfers = await db.CaseTransfers.AsNoTracking().Where(t => transferIds.Contains(t.Id))
            .Select(t => new { t.Id, t.PersonLabel, t.FromTerritory, t.Status }).ToDictionaryAsync(t => t.Id, ct);
        return
        [
            .. items.Select(i =>
            {
                if (i.CaseId is { } caseId)
                {
                    // A case moved to another département by an accepted transfer is no longer visible here.
                    return cases.TryGetValue(caseId, out var c) && c.TerritoryCode == i.TerritoryCode
                        ? new ItemView(i.Id, i.Position, i.Kind, i.State, i.Note, i.CaseId, null, $"{c.Surname.ToUpperInvariant()} {c.GivenName}", c.Status, c.NextReviewOn, false, null)
                        : new ItemView(i.Id, i.Position, i.Kind, i.State, i.Note, i.CaseId, null, null, null, null, true, null);
                }

                var label = i.TransferId is { } tid && transfers.TryGetValue(tid, out var t) ? $"{t.PersonLabel} ({t.FromTerritory})" : null;
                return new ItemView(i.Id, i.Position, i.Kind, i.State, i.Note, null, i.TransferId, null, null, null, false, label);
            }),
        ];
    }

    /// <summary>One <c>person.listed</c> event per person shown on the page (who saw this person covers agendas too).</summary>
    public static async Task AuditShownAsync(PasserelleDb db, AuditLog audit, PanelMeeting meeting, IEnumerable<Guid> caseIds, string action, CancellationToken ct)
    {
        var ids = caseIds.Distinct().ToList();
        var persons = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.PersonId, c.TerritoryCode }).Distinct().ToListAsync(ct);
        audit.Append(action, nameof(PanelMeeting), meeting.Id, territory: meeting.TerritoryCode);
        foreach (var p in persons)
        {
            audit.Append("person.listed", nameof(Person), p.PersonId, reason: "meeting agenda", territory: p.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
    }
}
