using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Meetings;

/// <summary>
/// A member asks the panel to discuss a case: they pick a scheduled meeting of the case's département and say why.
/// The case goes on that agenda (kind MemberRequest) and its timeline notes the request, in one transaction.
/// </summary>
[Authorize(Policy = Permissions.PanelWork)]
internal sealed class RequestModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock) : PageModel
{
    public sealed record MeetingChoice(Guid Id, DateTime ScheduledAt, string? Location, int Version);

    [BindProperty(SupportsGet = true)]
    public Guid CaseId { get; set; }

    [BindProperty]
    public Guid? MeetingId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public string PersonName { get; private set; } = string.Empty;

    public IReadOnlyList<MeetingChoice> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await LoadAsync(ct);
        if (found is null)
        {
            return NotFound();
        }

        await audit.RecordAsync("case.read", nameof(Case), CaseId, reason: "discussion request form", territory: found.TerritoryCode, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = await LoadAsync(ct);
        if (found is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        var errors = new List<FieldError>();
        var note = ReportValidation.FreeText(errors, nameof(Note), Note, AgendaItem.MaxNoteLength);
        if (note is null && errors.Count == 0)
        {
            errors.Add(new(nameof(Note), "panel.request.error.note-required"));
        }

        if (!found.IsOpen)
        {
            errors.Add(new(nameof(MeetingId), "panel.agenda.error.case-unknown"));
        }
        else if (found.IsInTransfer)
        {
            // Until the receiving panel settles the transfer, no decision can be taken on the case here.
            errors.Add(new(nameof(MeetingId), "panel.request.error.in-transfer"));
        }

        var choice = Meetings.FirstOrDefault(m => m.Id == MeetingId);
        if (choice is null)
        {
            errors.Add(new(nameof(MeetingId), "panel.request.error.meeting"));
        }

        if (errors.Count == 0 && await db.AgendaItems.AnyAsync(a => a.MeetingId == MeetingId && a.CaseId == CaseId, ct))
        {
            errors.Add(new(nameof(MeetingId), "panel.agenda.error.already"));
        }

        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var meeting = await db.PanelMeetings.Include(m => m.Agenda).FirstAsync(m => m.Id == MeetingId, ct);
        var actorId = actor.Scope.UserId!;
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new AgendaItem
        {
            MeetingId = meeting.Id, TerritoryCode = meeting.TerritoryCode, Kind = AgendaItemKind.MemberRequest, CaseId = CaseId, Note = note,
            AddedById = actorId, Position = meeting.Agenda.Count == 0 ? 1 : meeting.Agenda.Max(a => a.Position) + 1,
        };
        meeting.Agenda.Add(item);
        db.Entry(meeting).State = EntityState.Modified;
        found.Note(CaseEventKind.DiscussionRequested, actorId, now, detail: meeting.Id.ToString());
        audit.Append("agenda.discussion-requested", nameof(AgendaItem), item.Id, territory: meeting.TerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(MeetingId), Texts.Get("panel.meetings.conflict"));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        TempData["Message"] = Texts.Format("panel.request.done", PersonName);
        return LocalRedirect($"/panel/meetings/{meeting.Id}");
    }

    private async Task<Case?> LoadAsync(CancellationToken ct)
    {
        var found = await db.Cases.Include(c => c.Person).FirstOrDefaultAsync(c => c.Id == CaseId, ct);
        if (found?.Person is null)
        {
            return null;
        }

        PersonName = $"{found.Person.Surname.ToUpperInvariant()} {found.Person.GivenName}";
        var now = clock.GetUtcNow().UtcDateTime;
        Meetings = await db.PanelMeetings.AsNoTracking()
            .Where(m => m.TerritoryCode == found.TerritoryCode && m.Status == MeetingStatus.Scheduled && m.ScheduledAt > now)
            .OrderBy(m => m.ScheduledAt).Take(20)
            .Select(m => new MeetingChoice(m.Id, m.ScheduledAt, m.Location, m.Version)).ToListAsync(ct);
        return found;
    }
}
