using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Panel.Meetings;

/// <summary>
/// Builds a meeting's agenda from what waits for the panel: cases never decided (new), reviews due by the
/// meeting's day, pending transfers to this département, unreviewed cases of open campaigns. A case (or a
/// transfer) appears once, and not when it already sits on another scheduled or running meeting's agenda.
/// Existing items and their order are kept: a rebuild only appends what appeared since.
/// </summary>
internal static class MeetingAgenda
{
    public static async Task<int> BuildAsync(PasserelleDb db, PanelMeeting meeting, string actorId, CancellationToken ct)
    {
        var territory = meeting.TerritoryCode;
        var day = ParisTime.Day(meeting.ScheduledAt);
        var busy = await db.AgendaItems.AsNoTracking()
            .Where(a => a.TerritoryCode == territory
                && (a.MeetingId == meeting.Id
                    || db.PanelMeetings.Any(m => m.Id == a.MeetingId && (m.Status == MeetingStatus.Scheduled || m.Status == MeetingStatus.InSession))))
            .Select(a => new { a.CaseId, a.TransferId })
            .ToListAsync(ct);
        var cases = busy.Where(b => b.CaseId is not null).Select(b => b.CaseId!.Value)
            .Concat(meeting.Agenda.Where(a => a.CaseId is not null).Select(a => a.CaseId!.Value)).ToHashSet();
        var transfers = busy.Where(b => b.TransferId is not null).Select(b => b.TransferId!.Value)
            .Concat(meeting.Agenda.Where(a => a.TransferId is not null).Select(a => a.TransferId!.Value)).ToHashSet();

        var open = db.Cases.AsNoTracking().Where(c => c.TerritoryCode == territory
            && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Archived && c.TransferTo == null);
        var fresh = await open.Where(c => c.LastDecisionType == null).OrderBy(c => c.OpenedAt).Select(c => c.Id).ToListAsync(ct);
        var due = await open.Where(c => c.NextReviewOn != null && c.NextReviewOn <= day).OrderBy(c => c.NextReviewOn).Select(c => c.Id).ToListAsync(ct);
        var campaign = await (from cc in db.CampaignCases.AsNoTracking()
                              join rc in db.ReviewCampaigns.AsNoTracking() on cc.CampaignId equals rc.Id
                              join c in open on cc.CaseId equals c.Id
                              where cc.TerritoryCode == territory && cc.ReviewedAt == null && rc.ClosedAt == null
                              orderby rc.Deadline
                              select cc.CaseId).ToListAsync(ct);
        var incoming = await db.CaseTransfers.AsNoTracking()
            .Where(t => t.ToTerritory == territory && t.Status == TransferStatus.Pending)
            .OrderBy(t => t.RequestedAt).Select(t => t.Id).ToListAsync(ct);

        var position = meeting.Agenda.Count == 0 ? 0 : meeting.Agenda.Max(a => a.Position);
        var added = 0;
        void AddCases(IEnumerable<Guid> ids, AgendaItemKind kind)
        {
            foreach (var id in ids.Where(cases.Add))
            {
                meeting.Agenda.Add(new AgendaItem
                {
                    MeetingId = meeting.Id, TerritoryCode = territory, Position = ++position, Kind = kind, CaseId = id, AddedById = actorId,
                });
                added++;
            }
        }

        AddCases(fresh, AgendaItemKind.NewCase);
        AddCases(due, AgendaItemKind.ReviewDue);
        AddCases(campaign, AgendaItemKind.Campaign);
        foreach (var id in incoming.Where(transfers.Add))
        {
            meeting.Agenda.Add(new AgendaItem
            {
                MeetingId = meeting.Id, TerritoryCode = territory, Position = ++position, Kind = AgendaItemKind.TransferIn, TransferId = id, AddedById = actorId,
            });
            added++;
        }

        return added;
    }
}

