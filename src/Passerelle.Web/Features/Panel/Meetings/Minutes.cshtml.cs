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
/// The minutes of a meeting, printable on A4: attendance and who chaired, every decision (rationale, next review,
/// status, who proposed and approved), follow-ups, general notes (editable until validated). The chair validates
/// once the meeting has ended and no decision waits for approval: the meeting and its decisions are then locked,
/// and a correction is a new entry linked to the minutes (and to a decision, if it concerns one).
/// </summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class MinutesModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock) : PageModel
{
    public sealed record DecisionView(Guid Id, DecisionType Type, string Rationale, DateOnly? NextReviewOn, DecisionStatus Status, string? FollowingService,
        ClosureReason? ClosureReason, string? TransferTo, string ProposedBy, string? ApprovedBy, string? PersonName, Guid? CorrectsId);

    public sealed record CorrectionView(Guid Id, string Text, string By, DateTime At, Guid? DecisionId);

    public sealed record FollowUpView(string Action, string Owner, DateOnly DueOn, DateTime? DoneAt);

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public string? CorrectionText { get; set; }

    [BindProperty]
    public Guid? CorrectionDecisionId { get; set; }

    public PanelMeeting Meeting { get; private set; } = null!;

    public IReadOnlyList<MeetingAttendance> Attendance { get; private set; } = [];

    public IReadOnlyList<ItemView> Items { get; private set; } = [];

    public IReadOnlyList<DecisionView> Decisions { get; private set; } = [];

    public IReadOnlyList<FollowUpView> FollowUps { get; private set; } = [];

    public IReadOnlyList<CorrectionView> Corrections { get; private set; } = [];

    public string? ValidatedBy { get; private set; }

    public string? Error { get; private set; }

    public bool CanWork => actor.Scope.Can(Permissions.PanelWork);

    public bool CanValidate => actor.Scope.Can(Permissions.PanelChair);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Notes is null)
        {
            Notes = Meeting.MinutesNotes;
        }

        await MeetingView.AuditShownAsync(db, audit, Meeting, Items.Where(i => !i.Gone && i.CaseId is not null).Select(i => i.CaseId!.Value), "minutes.viewed", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNotesAsync(Guid id, CancellationToken ct)
    {
        if (!CanWork)
        {
            return Forbid();
        }

        var meeting = await db.PanelMeetings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return NotFound();
        }

        if (await RefusedAsync(meeting, ct) is { } refused)
        {
            return refused;
        }

        var errors = new List<FieldError>();
        var notes = ReportValidation.FreeText(errors, nameof(Notes), Notes, PanelMeeting.MaxNotesLength);
        if (errors.Count > 0)
        {
            ModelState.AddModelError(nameof(Notes), Texts.Format(errors[0].MessageKey, errors[0].Args));
            return await ShowAsync(id, null, StatusCodes.Status422UnprocessableEntity, ct);
        }

        meeting.MinutesNotes = notes;
        audit.Append("minutes.notes-updated", nameof(PanelMeeting), meeting.Id, territory: meeting.TerritoryCode);
        return await SaveAsync(meeting, Texts.Get("panel.minutes.notes-saved"), ct);
    }

    public async Task<IActionResult> OnPostValidateAsync(Guid id, CancellationToken ct)
    {
        if (!CanValidate)
        {
            return Forbid();
        }

        var meeting = await db.PanelMeetings.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return NotFound();
        }

        if (await RefusedAsync(meeting, ct) is { } refused)
        {
            return refused;
        }

        if (meeting.Status != MeetingStatus.Ended)
        {
            return await ShowAsync(id, Texts.Get("panel.minutes.error.not-ended"), StatusCodes.Status409Conflict, ct);
        }

        var decisions = await db.PanelDecisions.Where(d => d.MeetingId == id).ToListAsync(ct);
        if (decisions.Any(d => d.Status == DecisionStatus.PendingApproval))
        {
            return await ShowAsync(id, Texts.Get("panel.minutes.error.pending"), StatusCodes.Status409Conflict, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        meeting.Status = MeetingStatus.Validated;
        meeting.ValidatedAt = now;
        meeting.ValidatedById = actor.Scope.UserId;
        foreach (var d in decisions)
        {
            d.Locked = true;
        }

        audit.Append("meeting.validated", nameof(PanelMeeting), meeting.Id, reason: $"decisions locked: {decisions.Count}", territory: meeting.TerritoryCode);
        return await SaveAsync(meeting, Texts.Get("panel.minutes.validated"), ct);
    }

    public async Task<IActionResult> OnPostCorrectionAsync(Guid id, CancellationToken ct)
    {
        if (!CanWork)
        {
            return Forbid();
        }

        var meeting = await db.PanelMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null)
        {
            return NotFound();
        }

        if (meeting.Status != MeetingStatus.Validated)
        {
            return await ShowAsync(id, Texts.Get("panel.minutes.error.correction-before"), StatusCodes.Status409Conflict, ct);
        }

        var errors = new List<FieldError>();
        var text = ReportValidation.FreeText(errors, nameof(CorrectionText), CorrectionText, MinutesCorrection.MaxTextLength);
        if (text is null && errors.Count == 0)
        {
            errors.Add(new(nameof(CorrectionText), "panel.minutes.error.correction-required"));
        }

        var decisionUnreadable = ModelState.ErrorFor(nameof(CorrectionDecisionId)) is not null;
        ModelState.Clear();
        if (decisionUnreadable || (CorrectionDecisionId is { } decisionId && !await db.PanelDecisions.AnyAsync(d => d.Id == decisionId && d.MeetingId == id, ct)))
        {
            errors.Add(new(nameof(CorrectionDecisionId), "error.unknown-value"));
        }

        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
            }

            return await ShowAsync(id, null, StatusCodes.Status422UnprocessableEntity, ct);
        }

        var correction = new MinutesCorrection
        {
            MeetingId = id, TerritoryCode = meeting.TerritoryCode, DecisionId = CorrectionDecisionId, Text = text!, ById = actor.Scope.UserId!,
            At = clock.GetUtcNow().UtcDateTime,
        };
        db.MinutesCorrections.Add(correction);
        audit.Append("minutes.corrected", nameof(MinutesCorrection), correction.Id, territory: meeting.TerritoryCode);
        await db.SaveChangesAsync(ct);
        Message = Texts.Get("panel.minutes.correction-added");
        return LocalRedirect($"/panel/meetings/{id}/minutes#corrections");
    }

    /// <summary>Locked minutes refuse every change (MinutesLocked); a stale version is a conflict. Null when the write may go on.</summary>
    private async Task<IActionResult?> RefusedAsync(PanelMeeting meeting, CancellationToken ct)
    {
        if (meeting.IsLocked)
        {
            audit.Append("meeting.change-refused", nameof(PanelMeeting), meeting.Id, AuditLog.Denied, reason: "locked", territory: meeting.TerritoryCode);
            return await ShowAsync(meeting.Id, Texts.Get("panel.meetings.locked"), StatusCodes.Status409Conflict, ct);
        }

        if (!Request.HasFormContentType || !Request.Form.ContainsKey(nameof(Version)) || ModelState.ErrorFor(nameof(Version)) is not null || meeting.Version != Version)
        {
            return await ShowAsync(meeting.Id, Texts.Get("panel.meetings.conflict"), StatusCodes.Status409Conflict, ct);
        }

        return null;
    }

    private async Task<IActionResult> SaveAsync(PanelMeeting meeting, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ShowAsync(meeting.Id, Texts.Get("panel.meetings.conflict"), StatusCodes.Status409Conflict, ct);
        }

        Message = message;
        return LocalRedirect($"/panel/meetings/{meeting.Id}/minutes");
    }

    private async Task<IActionResult> ShowAsync(Guid id, string? error, int status, CancellationToken ct)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not AuditEvent).ToList())
        {
            entry.State = EntityState.Detached;
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await MeetingView.AuditShownAsync(db, audit, Meeting, Items.Where(i => !i.Gone && i.CaseId is not null).Select(i => i.CaseId!.Value), "minutes.viewed", ct);
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
        var decisions = await db.PanelDecisions.AsNoTracking().Where(d => d.MeetingId == id).OrderBy(d => d.DecidedAt).ToListAsync(ct);
        var userIds = decisions.Select(d => d.ProposedById).Concat(decisions.Select(d => d.ApprovedById)).OfType<string>()
            .Append(meeting.ValidatedById).OfType<string>().ToList();
        var corrections = await db.MinutesCorrections.AsNoTracking().Where(c => c.MeetingId == id).OrderBy(c => c.At).ToListAsync(ct);
        userIds.AddRange(corrections.Select(c => c.ById));
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string Name(string? userId) => userId is null ? "—" : users.GetValueOrDefault(userId, "—");
        var caseIds = decisions.Select(d => d.CaseId).Distinct().ToList();
        var persons = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id) && c.TerritoryCode == meeting.TerritoryCode)
            .Select(c => new { c.Id, c.Person!.Surname, c.Person.GivenName }).ToDictionaryAsync(c => c.Id, c => $"{c.Surname.ToUpperInvariant()} {c.GivenName}", ct);
        Decisions =
        [
            .. decisions.Select(d => new DecisionView(d.Id, d.Type, d.Rationale, d.NextReviewOn, d.Status, d.FollowingService, d.ClosureReason, d.TransferTo,
                Name(d.ProposedById), d.ApprovedById is null ? null : Name(d.ApprovedById), persons.GetValueOrDefault(d.CaseId), d.CorrectsId)),
        ];
        var members = await db.PanelMembers.AsNoTracking().Where(m => m.TerritoryCode == meeting.TerritoryCode).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        FollowUps =
        [
            .. (await db.MeetingFollowUps.AsNoTracking().Where(f => f.MeetingId == id).ToListAsync(ct))
                .OrderBy(f => f.DueOn).Select(f => new FollowUpView(f.Action, members.GetValueOrDefault(f.OwnerMemberId, "—"), f.DueOn, f.DoneAt)),
        ];
        Corrections = [.. corrections.Select(c => new CorrectionView(c.Id, c.Text, Name(c.ById), c.At, c.DecisionId))];
        ValidatedBy = meeting.ValidatedById is null ? null : Name(meeting.ValidatedById);
        return true;
    }
}
