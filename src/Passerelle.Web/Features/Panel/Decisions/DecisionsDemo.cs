using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Panel.Decisions;

/// <summary>
/// A closure proposed by ged59 at yesterday's Nord meeting, waiting on /panel/approvals for chair59 (the demo's
/// second person of the four-eyes rule). Runs after the demo users and cases exist, as the system; does nothing
/// when the demo has no open Nord case without a decision, or when a pending decision already exists.
/// </summary>
internal static class DecisionsDemo
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var proposer = await db.Users.Where(u => u.Email == "ged59@demo.passerelle.fr").Select(u => u.Id).FirstOrDefaultAsync();
        if (proposer is null || await db.PanelDecisions.AnyAsync(d => d.TerritoryCode == "59" && d.Status == DecisionStatus.PendingApproval))
        {
            return;
        }

        var @case = await db.Cases
            .Where(c => c.TerritoryCode == "59" && c.TransferTo == null
                && (c.Status == CaseStatus.Reported || c.Status == CaseStatus.UnderAssessment)
                && !db.PanelDecisions.Any(d => d.CaseId == c.Id))
            .OrderBy(c => c.OpenedAt)
            .FirstOrDefaultAsync();
        if (@case is null)
        {
            return;
        }

        var members = await db.PanelMembers.Where(m => m.TerritoryCode == "59" && m.Active).ToListAsync();
        var chair = members.FirstOrDefault(m => m.Function == PanelFunction.Chair);
        if (chair is null)
        {
            chair = new PanelMember { TerritoryCode = "59", Name = "Charles Préfet (démo)", Service = "prefecture", Function = PanelFunction.Chair };
            db.PanelMembers.Add(chair);
        }

        var held = now.AddDays(-1);
        var meeting = new PanelMeeting
        {
            TerritoryCode = "59", ScheduledAt = held, Location = "Préfecture du Nord, salle 2 (démo)", Status = MeetingStatus.Ended,
            CreatedById = proposer, CreatedAt = now.AddDays(-8), StartedAt = held, EndedAt = held.AddHours(2),
        };
        meeting.Attendance.Add(new MeetingAttendance
        {
            MeetingId = meeting.Id, MemberId = chair.Id, TerritoryCode = "59", Present = true, Function = chair.Function, MemberName = chair.Name, Service = chair.Service,
        });
        var item = new AgendaItem
        {
            MeetingId = meeting.Id, TerritoryCode = "59", Position = 1, Kind = AgendaItemKind.NewCase, CaseId = @case.Id, AddedById = proposer,
            State = AgendaItemState.Discussed,
        };
        meeting.Agenda.Add(item);
        db.PanelMeetings.Add(meeting);

        var (decision, error) = PanelDecision.Propose(
            @case, DecisionType.Close, "Les vérifications des services n'ont pas confirmé l'inquiétude du signalement. (démo)", null, null,
            ClosureReason.NotConfirmed, null, null, "59", meeting.Id, item.Id, proposer, held.AddMinutes(40));
        if (decision is null)
        {
            throw new InvalidOperationException("The demo closure breaks a decision rule: " + error);
        }

        db.PanelDecisions.Add(decision);
        db.CaseEvents.Add(@case.Note(CaseEventKind.DecisionProposed, proposer, decision.DecidedAt, detail: decision.Type.ToString()));
        await db.SaveChangesAsync();
    }
}
