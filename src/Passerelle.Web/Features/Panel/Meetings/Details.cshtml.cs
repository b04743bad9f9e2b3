using System.Globalization;
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
/// A meeting from agenda to end. Before it: members reorder (up/down buttons, plain forms), add a case of the
/// département or another subject, refresh the agenda. At the start one attendance row per active member is taken;
/// while no chair (or delegate) is ticked present, decisions cannot be recorded. In session: items in order,
/// discussed or deferred, follow-ups with owner and due date. Every write carries the meeting's version (a duplicate
/// submit or a concurrent change is refused, nothing changes) and a validated meeting refuses every change.
/// </summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class DetailsModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock) : PageModel
{
    private const int MaxQueryLength = 100;

    public sealed record FollowUpView(Guid Id, string Action, string OwnerName, DateOnly DueOn, DateTime? DoneAt, Guid? CaseId, int Version);

    public sealed record Candidate(Guid CaseId, string PersonName, CaseStatus Status);

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public PanelMeeting Meeting { get; private set; } = null!;

    public IReadOnlyList<ItemView> Items { get; private set; } = [];

    public IReadOnlyList<MeetingAttendance> Attendance { get; private set; } = [];

    public IReadOnlyList<FollowUpView> FollowUps { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Members { get; private set; } = [];

    public IReadOnlyList<Candidate>? Candidates { get; private set; }

    public string? Error { get; private set; }

    public bool CanWork => actor.Scope.Can(Permissions.PanelWork);

    public bool ChairPresent => Attendance.Any(a => a.Present && a.Function is PanelFunction.Chair or PanelFunction.ChairDelegate);

    public string Today => ParisTime.Day(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Query is not null && Meeting.Status == MeetingStatus.Scheduled && CanWork)
        {
            await SearchAsync(ct);
        }

        await MeetingView.AuditShownAsync(db, audit, Meeting,
            Items.Where(i => !i.Gone && i.CaseId is not null).Select(i => i.CaseId!.Value).Concat(Candidates?.Select(c => c.CaseId) ?? []),
            "meeting.viewed", ct);
        return Page();
    }

    public Task<IActionResult> OnPostMoveAsync(Guid id, Guid itemId, string? direction, CancellationToken ct) =>
        WriteAsync(id, [MeetingStatus.Scheduled], meeting =>
        {
            var ordered = meeting.Agenda.OrderBy(a => a.Position).ToList();
            var index = ordered.FindIndex(a => a.Id == itemId);
            if (index < 0 || direction is not ("up" or "down"))
            {
                return Task.FromResult<string?>(Texts.Get("panel.agenda.error.item-unknown"));
            }

            var other = direction == "up" ? index - 1 : index + 1;
            if (other < 0 || other >= ordered.Count)
            {
                return Task.FromResult<string?>(Texts.Get("panel.agenda.error.cannot-move"));
            }

            (ordered[index].Position, ordered[other].Position) = (ordered[other].Position, ordered[index].Position);
            audit.Append("agenda.reordered", nameof(AgendaItem), itemId, reason: direction, territory: meeting.TerritoryCode);
            return Task.FromResult<string?>(null);
        }, Texts.Get("panel.agenda.moved"), ct);

    public Task<IActionResult> OnPostRebuildAsync(Guid id, CancellationToken ct)
    {
        var added = 0;
        return WriteAsync(id, [MeetingStatus.Scheduled], async meeting =>
        {
            added = await MeetingAgenda.BuildAsync(db, meeting, actor.Scope.UserId!, ct);
            audit.Append("agenda.rebuilt", nameof(PanelMeeting), meeting.Id, reason: $"added: {added}", territory: meeting.TerritoryCode);
            return null;
        }, () => Texts.Format("panel.agenda.rebuilt", added), ct);
    }

    public Task<IActionResult> OnPostAddCaseAsync(Guid id, Guid caseId, string? note, CancellationToken ct) =>
        WriteAsync(id, [MeetingStatus.Scheduled], async meeting =>
        {
            var errors = new List<FieldError>();
            var clean = ReportValidation.FreeText(errors, "note", note, AgendaItem.MaxNoteLength);
            if (errors.Count > 0)
            {
                return Texts.Format(errors[0].MessageKey, errors[0].Args);
            }

            var found = await db.Cases.AsNoTracking().AnyAsync(c => c.Id == caseId && c.TerritoryCode == meeting.TerritoryCode
                && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Archived, ct);
            if (!found)
            {
                return Texts.Get("panel.agenda.error.case-unknown");
            }

            if (meeting.Agenda.Any(a => a.CaseId == caseId))
            {
                return Texts.Get("panel.agenda.error.already");
            }

            var item = Append(meeting, AgendaItemKind.MemberRequest, caseId, clean);
            audit.Append("agenda.item-added", nameof(AgendaItem), item.Id, reason: "case", territory: meeting.TerritoryCode);
            return null;
        }, Texts.Get("panel.agenda.added"), ct);

    public Task<IActionResult> OnPostAddOtherAsync(Guid id, string? note, CancellationToken ct) =>
        WriteAsync(id, [MeetingStatus.Scheduled], meeting =>
        {
            var errors = new List<FieldError>();
            var clean = ReportValidation.FreeText(errors, "note", note, AgendaItem.MaxNoteLength);
            if (errors.Count > 0)
            {
                return Task.FromResult<string?>(Texts.Format(errors[0].MessageKey, errors[0].Args));
            }

            if (clean is null)
            {
                return Task.FromResult<string?>(Texts.Get("panel.agenda.error.subject-required"));
            }

            var item = Append(meeting, AgendaItemKind.Other, null, clean);
            audit.Append("agenda.item-added", nameof(AgendaItem), item.Id, reason: "other", territory: meeting.TerritoryCode);
            return Task.FromResult<string?>(null);
        }, Texts.Get("panel.agenda.added"), ct);

    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct) =>
        WriteAsync(id, [MeetingStatus.Scheduled], async meeting =>
        {
            var members = await db.PanelMembers.AsNoTracking().Where(m => m.TerritoryCode == meeting.TerritoryCode && m.Active).OrderBy(m => m.Name).ToListAsync(ct);
            if (members.Count == 0)
            {
                return Texts.Get("panel.meetings.error.no-members");
            }

            foreach (var m in members)
            {
                meeting.Attendance.Add(new MeetingAttendance
                {
                    MeetingId = meeting.Id, MemberId = m.Id, TerritoryCode = meeting.TerritoryCode, Present = false,
                    Function = m.Function, MemberName = m.Name, Service = m.Service,
                });
            }

            meeting.Status = MeetingStatus.InSession;
            meeting.StartedAt = clock.GetUtcNow().UtcDateTime;
            audit.Append("meeting.started", nameof(PanelMeeting), meeting.Id, territory: meeting.TerritoryCode);
            return null;
        }, Texts.Get("panel.meetings.started"), ct);

    public Task<IActionResult> OnPostAttendanceAsync(Guid id, List<Guid>? present, CancellationToken ct) =>
        WriteAsync(id, [MeetingStatus.InSession, MeetingStatus.Ended], meeting =>
        {
            var ticked = (present ?? []).ToHashSet();
            if (ticked.Any(p => meeting.Attendance.All(a => a.MemberId != p)))
            {
                return Task.FromResult<string?>(Texts.Get("panel.attendance.error.unknown"));
            }

            foreach (var row in meeting.Attendance)
            {
                row.Present = ticked.Contains(row.MemberId);
            }

            audit.Append("meeting.attendance-recorded", nameof(PanelMeeting), meeting.Id, reason: $"present: {ticked.Count}", territory: meeting.TerritoryCode);
            return Task.FromResult<string?>(null);
        }, Texts.Get("panel.attendance.saved"), ct);

    public Task<IActionResult> OnPostItemStateAsync(Guid id, Guid itemId, string? state, CancellationToken ct) =>
        WriteAsync(id, [MeetingStatus.InSession], meeting =>
        {
            var item = meeting.Agenda.FirstOrDefault(a => a.Id == itemId);
            if (item is null)
            {
                return Task.FromResult<string?>(Texts.Get("panel.agenda.error.item-unknown"));
            }

            if (state is not (nameof(AgendaItemState.Discussed) or nameof(AgendaItemState.Deferred) or nameof(AgendaItemState.Pending)))
            {
                return Task.FromResult<string?>(Texts.Get("error.unknown-value"));
            }

            item.State = Enum.Parse<AgendaItemState>(state);
            audit.Append("agenda.item-state", nameof(AgendaItem), item.Id, reason: state, territory: meeting.TerritoryCode);
            return Task.FromResult<string?>(null);
        }, Texts.Get("panel.agenda.state-saved"), ct);

    public Task<IActionResult> OnPostFollowUpAsync(Guid id, string? action, Guid? owner, string? dueOn, CancellationToken ct) =>
        WriteAsync(id, [MeetingStatus.InSession, MeetingStatus.Ended], async meeting =>
        {
            var errors = new List<FieldError>();
            var text = ReportValidation.FreeText(errors, "action", action, MeetingFollowUp.MaxActionLength);
            if (errors.Count > 0)
            {
                return Texts.Format(errors[0].MessageKey, errors[0].Args);
            }

            if (text is null)
            {
                return Texts.Get("panel.follow-ups.error.action-required");
            }

            if (owner is null || !await db.PanelMembers.AnyAsync(m => m.Id == owner && m.TerritoryCode == meeting.TerritoryCode && m.Active, ct))
            {
                return Texts.Get("panel.follow-ups.error.owner");
            }

            var today = ParisTime.Day(clock.GetUtcNow().UtcDateTime);
            if (dueOn is null || dueOn.Length > 10 || !DateOnly.TryParseExact(dueOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            {
                return Texts.Get("panel.follow-ups.error.due");
            }

            if (due < today || due > today.AddYears(2))
            {
                return Texts.Get("panel.follow-ups.error.due-range");
            }

            var followUp = new MeetingFollowUp { MeetingId = meeting.Id, TerritoryCode = meeting.TerritoryCode, Action = text, OwnerMemberId = owner.Value, DueOn = due };
            db.MeetingFollowUps.Add(followUp);
            audit.Append("meeting.follow-up-added", nameof(MeetingFollowUp), followUp.Id, territory: meeting.TerritoryCode);
            return null;
        }, Texts.Get("panel.follow-ups.added"), ct);

    /// <summary>Done / not done is the follow-up's progress, not the minutes' content: it stays open after validation.</summary>
    public async Task<IActionResult> OnPostFollowUpDoneAsync(Guid id, Guid followUpId, bool done, CancellationToken ct)
    {
        if (!CanWork)
        {
            return Forbid();
        }

        var followUp = await db.MeetingFollowUps.FirstOrDefaultAsync(f => f.Id == followUpId && f.MeetingId == id, ct);
        if (followUp is null)
        {
            return NotFound();
        }

        if (!Request.HasFormContentType || !Request.Form.ContainsKey(nameof(Version)) || ModelState.ErrorFor(nameof(Version)) is not null || followUp.Version != Version)
        {
            return await ShowAsync(id, Texts.Get("panel.meetings.conflict"), StatusCodes.Status409Conflict, ct);
        }

        followUp.DoneAt = done ? clock.GetUtcNow().UtcDateTime : null;
        audit.Append(done ? "meeting.follow-up-done" : "meeting.follow-up-reopened", nameof(MeetingFollowUp), followUp.Id, territory: followUp.TerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ShowAsync(id, Texts.Get("panel.meetings.conflict"), StatusCodes.Status409Conflict, ct);
        }

        Message = Texts.Get("panel.follow-ups.saved");
        return LocalRedirect($"/panel/meetings/{id}#follow-ups");
    }

    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct) =>
        WriteAsync(id, [MeetingStatus.InSession], meeting =>
        {
            meeting.Status = MeetingStatus.Ended;
            meeting.EndedAt = clock.GetUtcNow().UtcDateTime;
            audit.Append("meeting.ended", nameof(PanelMeeting), meeting.Id, territory: meeting.TerritoryCode);
            return Task.FromResult<string?>(null);
        }, Texts.Get("panel.meetings.ended"), ct);

    private AgendaItem Append(PanelMeeting meeting, AgendaItemKind kind, Guid? caseId, string? note)
    {
        var item = new AgendaItem
        {
            MeetingId = meeting.Id, TerritoryCode = meeting.TerritoryCode, Kind = kind, CaseId = caseId, Note = note, AddedById = actor.Scope.UserId!,
            Position = meeting.Agenda.Count == 0 ? 1 : meeting.Agenda.Max(a => a.Position) + 1,
        };
        meeting.Agenda.Add(item);
        return item;
    }

    private Task<IActionResult> WriteAsync(Guid id, MeetingStatus[] allowed, Func<PanelMeeting, Task<string?>> change, string success, CancellationToken ct) =>
        WriteAsync(id, allowed, change, () => success, ct);

    /// <summary>
    /// The rules every write shares, in order: panel work, the meeting in scope, not validated (locked), the version
    /// read, the status the action needs; then the change, saved with the meeting's version bumped (one transaction).
    /// </summary>
    private async Task<IActionResult> WriteAsync(Guid id, MeetingStatus[] allowed, Func<PanelMeeting, Task<string?>> change, Func<string> success, CancellationToken ct)
    {
        if (!CanWork)
        {
            return Forbid();
        }

        var meeting = await db.PanelMeetings.Include(m => m.Agenda).Include(m => m.Attendance).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return NotFound();
        }

        if (meeting.IsLocked)
        {
            audit.Append("meeting.change-refused", nameof(PanelMeeting), meeting.Id, AuditLog.Denied, reason: "locked", territory: meeting.TerritoryCode);
            return await ShowAsync(id, Texts.Get("panel.meetings.locked"), StatusCodes.Status409Conflict, ct);
        }

        if (!Request.HasFormContentType || !Request.Form.ContainsKey(nameof(Version)) || ModelState.ErrorFor(nameof(Version)) is not null || meeting.Version != Version)
        {
            return await ShowAsync(id, Texts.Get("panel.meetings.conflict"), StatusCodes.Status409Conflict, ct);
        }

        if (!allowed.Contains(meeting.Status))
        {
            return await ShowAsync(id, Texts.Get("panel.meetings.error.status-" + meeting.Status), StatusCodes.Status409Conflict, ct);
        }

        var error = await change(meeting);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return await ShowAsync(id, error, StatusCodes.Status422UnprocessableEntity, ct);
        }

        db.Entry(meeting).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ShowAsync(id, Texts.Get("panel.meetings.conflict"), StatusCodes.Status409Conflict, ct);
        }

        Message = success();
        return LocalRedirect($"/panel/meetings/{id}");
    }

    private async Task<IActionResult> ShowAsync(Guid id, string error, int status, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await MeetingView.AuditShownAsync(db, audit, Meeting, Items.Where(i => !i.Gone && i.CaseId is not null).Select(i => i.CaseId!.Value), "meeting.viewed", ct);
        Error = error;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var meeting = await db.PanelMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Items = await MeetingView.ItemsAsync(db, id, ct);
        Attendance = await db.MeetingAttendance.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.MemberName).ToListAsync(ct);
        var members = await db.PanelMembers.AsNoTracking().Where(m => m.TerritoryCode == meeting.TerritoryCode)
            .Select(m => new { m.Id, m.Name, m.Active }).ToListAsync(ct);
        Members = [.. members.Where(m => m.Active).OrderBy(m => m.Name, StringComparer.CurrentCulture).Select(m => (m.Id, m.Name))];
        var names = members.ToDictionary(m => m.Id, m => m.Name);
        FollowUps =
        [
            .. (await db.MeetingFollowUps.AsNoTracking().Where(f => f.MeetingId == id).ToListAsync(ct))
                .OrderBy(f => f.DueOn).ThenBy(f => f.Id)
                .Select(f => new FollowUpView(f.Id, f.Action, names.GetValueOrDefault(f.OwnerMemberId, "—"), f.DueOn, f.DoneAt, f.CaseId, f.Version)),
        ];
        return true;
    }

    private async Task SearchAsync(CancellationToken ct)
    {
        var raw = Query?.Trim() ?? string.Empty;
        if (raw.Length == 0)
        {
            Candidates = [];
            return;
        }

        if (raw.Length > MaxQueryLength)
        {
            Error = Texts.Get("error.query-too-long");
            Candidates = [];
            return;
        }

        var key = SearchText.Normalise(raw);
        if (key.Length == 0)
        {
            Candidates = [];
            return;
        }

        var onAgenda = Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.TerritoryCode == Meeting.TerritoryCode && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Archived
                && !onAgenda.Contains(c.Id) && c.Person!.MergedIntoId == null && c.Person.SearchKey.Contains(key))
            .OrderBy(c => c.Person!.Surname).ThenBy(c => c.Person!.GivenName).Take(20)
            .Select(c => new { c.Id, c.Person!.Surname, c.Person.GivenName, c.Status })
            .ToListAsync(ct);
        Candidates = [.. rows.Select(r => new Candidate(r.Id, $"{r.Surname.ToUpperInvariant()} {r.GivenName}", r.Status))];
    }
}
