using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Programme.Participants;

/// <summary>
/// A participant's file (<c>/programme/participants/{id}</c>): referral and obligations, enrolment with an explicit
/// follow-up window (or "not enrolled" with a reason), the individual plan's components, milestones, incidents and
/// outcome events, and the panel summary of a panel's referral. Found through the query filter (another site's
/// participant is not found); every read and write is audited; every form carries the participant's version, so a
/// change made meanwhile is shown, never overwritten. An ended participant is read-only except the panel summary.
/// </summary>
[Authorize(Policy = Permissions.ProgrammeRead)]
internal sealed class DetailsModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock, RetentionRules rules) : PageModel
{
    public ProgrammeParticipant Participant { get; private set; } = null!;

    public ProgrammeSite Site { get; private set; } = null!;

    public IReadOnlyList<CourtObligation> Obligations { get; private set; } = [];

    public IReadOnlyList<PlanComponent> Components { get; private set; } = [];

    public IReadOnlyList<ParticipantEvent> Events { get; private set; } = [];

    public int EnrolledAtSite { get; private set; }

    public string? Conflict { get; private set; }

    /// <summary>Which form the errors belong to (its fields show them).</summary>
    public string? FailedForm { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public EnrolInput Enrol { get; set; } = new();

    [BindProperty]
    public NotEnrolledInput NotEnrolled { get; set; } = new();

    [BindProperty]
    public ObligationInput Obligation { get; set; } = new();

    [BindProperty]
    public ComponentInput Component { get; set; } = new();

    [BindProperty]
    public EventInput Event { get; set; } = new();

    [BindProperty]
    public string? Summary { get; set; }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public bool CanWrite => actor.Scope.Can(Permissions.ProgrammeWrite);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            await audit.RecordAsync("programme-participant.read", nameof(ProgrammeParticipant), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        Enrol.EnrolledOn ??= ProgrammeInput.Iso(Today);
        audit.Append("programme-participant.read", nameof(ProgrammeParticipant), id, territory: Participant.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostEnrolAsync(Guid id, CancellationToken ct) => WriteAsync(id, "enrol", "programme-participant.enrolled", async (p, errors) =>
    {
        var enrolledOn = ProgrammeInput.Date(errors, "Enrol.EnrolledOn", Enrol.EnrolledOn);
        var starts = ProgrammeInput.Date(errors, "Enrol.StartsOn", Enrol.StartsOn, required: false) ?? enrolledOn;
        var ends = ProgrammeInput.Date(errors, "Enrol.EndsOn", Enrol.EndsOn);
        if (errors.Count > 0)
        {
            return null;
        }

        var site = await db.ProgrammeSites.FirstAsync(s => s.Code == p.SiteCode, ct);
        var enrolled = await ProgrammeSites.EnrolledAsync(db, p.SiteCode, ct);
        var obligations = await db.CourtObligations.CountAsync(o => o.ParticipantId == p.Id, ct);
        var error = p.Enrol(site, enrolled, obligations, enrolledOn!.Value, starts!.Value, ends!.Value, Today);
        if (error is not null)
        {
            errors.Add(ProgrammeInput.FromDomain(error is ProgrammeWindowInvalid ? "Enrol.EndsOn" : error is ProgrammeDateOutOfRange ? "Enrol.EnrolledOn" : "Enrol.EndsOn", error));
            return null;
        }

        return $"window {ProgrammeInput.Iso(p.FollowUpStartsOn)}..{ProgrammeInput.Iso(p.FollowUpEndsOn)}";
    });

    public Task<IActionResult> OnPostNotEnrolledAsync(Guid id, CancellationToken ct) => WriteAsync(id, "not-enrolled", "programme-participant.not-enrolled", (p, errors) =>
    {
        var on = ProgrammeInput.Date(errors, "NotEnrolled.On", NotEnrolled.On);
        var reason = ProgrammeInput.FreeText(errors, "NotEnrolled.Reason", NotEnrolled.Reason, ProgrammeParticipant.MaxTextLength);
        if (reason is null && !errors.Any(e => e.Field == "NotEnrolled.Reason"))
        {
            errors.Add(new("NotEnrolled.Reason", "error.required"));
        }

        if (errors.Count > 0)
        {
            return Task.FromResult<string?>(null);
        }

        var error = p.MarkNotEnrolled(on!.Value, reason, Today, rules.EndedParticipant);
        if (error is not null)
        {
            errors.Add(ProgrammeInput.FromDomain("NotEnrolled.On", error));
            return Task.FromResult<string?>(null);
        }

        return Task.FromResult<string?>("not enrolled");
    });

    public Task<IActionResult> OnPostObligationAsync(Guid id, CancellationToken ct) => WriteAsync(id, "obligation", "programme-obligation.added", (p, errors) =>
    {
        var kind = ProgrammeInput.Enum<ObligationKind>(errors, "Obligation.Kind", Obligation.Kind);
        var detail = ProgrammeInput.SingleLine(errors, "Obligation.Detail", Obligation.Detail, CourtObligation.MaxDetailLength);
        var starts = ProgrammeInput.Date(errors, "Obligation.StartsOn", Obligation.StartsOn);
        var ends = ProgrammeInput.Date(errors, "Obligation.EndsOn", Obligation.EndsOn, required: false);
        if (errors.Count > 0)
        {
            return Task.FromResult<string?>(null);
        }

        var (obligation, error) = p.AddObligation(kind!.Value, detail, starts!.Value, ends);
        if (error is not null)
        {
            errors.Add(ProgrammeInput.FromDomain("Obligation.EndsOn", error));
            return Task.FromResult<string?>(null);
        }

        db.CourtObligations.Add(obligation!);
        return Task.FromResult<string?>(kind.Value.ToString());
    });

    public Task<IActionResult> OnPostComponentAsync(Guid id, CancellationToken ct) => WriteAsync(id, "component", "programme-component.saved", async (p, errors) =>
    {
        var existing = Component.Id is { } componentId ? await db.PlanComponents.FirstOrDefaultAsync(c => c.Id == componentId && c.ParticipantId == p.Id, ct) : null;
        if (Component.Id is not null && existing is null)
        {
            errors.Add(new("Component.Kind", "programme.error.component-not-found"));
            return null;
        }

        var kind = existing is null ? ProgrammeInput.Enum<ComponentKind>(errors, "Component.Kind", Component.Kind) : existing.Kind;
        var status = ProgrammeInput.Enum<ComponentStatus>(errors, "Component.Status", Component.Status);
        var provider = ProgrammeInput.SingleLine(errors, "Component.Provider", Component.Provider, PlanComponent.MaxTextLength);
        var started = ProgrammeInput.Date(errors, "Component.StartedOn", Component.StartedOn, required: false);
        var ended = ProgrammeInput.Date(errors, "Component.EndedOn", Component.EndedOn, required: false);
        var note = ProgrammeInput.FreeText(errors, "Component.Note", Component.Note, PlanComponent.MaxTextLength);
        if (errors.Count > 0)
        {
            return null;
        }

        DomainError? error;
        if (existing is null)
        {
            (var added, error) = p.AddComponent(kind!.Value, provider, status!.Value, started, ended, note, Today);
            if (added is not null)
            {
                db.PlanComponents.Add(added);
            }
        }
        else
        {
            error = existing.Version != Component.Version ? new ProgrammeComponentStale() : existing.Update(p, provider, status!.Value, started, ended, note, Today);
        }

        if (error is not null)
        {
            errors.Add(ProgrammeInput.FromDomain("Component.StartedOn", error));
            return null;
        }

        return $"{kind}, {status}";
    });

    public Task<IActionResult> OnPostEventAsync(Guid id, CancellationToken ct) => WriteAsync(id, "event", "programme-event.recorded", (p, errors) =>
    {
        var kind = ProgrammeInput.Enum<ParticipantEventKind>(errors, "Event.Kind", Event.Kind);
        var offence = kind is { } k && ParticipantEvent.IsOffence(k);
        var category = offence ? ProgrammeInput.Enum<OffenceCategory>(errors, "Event.Category", Event.Category) : null;
        var detail = offence ? ProgrammeInput.SingleLine(errors, "Event.OffenceDetail", Event.OffenceDetail, ParticipantEvent.MaxDetailLength) : null;
        var on = ProgrammeInput.Date(errors, "Event.OccurredOn", Event.OccurredOn);
        var note = ProgrammeInput.FreeText(errors, "Event.Note", Event.Note, ParticipantEvent.MaxTextLength);
        if (errors.Count > 0)
        {
            return Task.FromResult<string?>(null);
        }

        var (recorded, error) = p.RecordEvent(kind!.Value, category, detail, on!.Value, note, actor.Scope.UserId ?? "unknown", clock.GetUtcNow().UtcDateTime, Today, rules.EndedParticipant);
        if (error is not null)
        {
            errors.Add(ProgrammeInput.FromDomain("Event.OccurredOn", error));
            return Task.FromResult<string?>(null);
        }

        db.ParticipantEvents.Add(recorded!);
        return Task.FromResult<string?>(p.Status == ParticipantStatus.Ended ? $"{kind}, ended" : kind.ToString());
    });

    public Task<IActionResult> OnPostSummaryAsync(Guid id, CancellationToken ct) => WriteAsync(id, "summary", "programme-participant.summary-written", (p, errors) =>
    {
        var summary = ProgrammeInput.FreeText(errors, "Summary", Summary, ProgrammeParticipant.MaxSummaryLength);
        if (errors.Count > 0)
        {
            return Task.FromResult<string?>(null);
        }

        var error = p.WritePanelSummary(summary, clock.GetUtcNow().UtcDateTime);
        if (error is not null)
        {
            errors.Add(ProgrammeInput.FromDomain("Summary", error));
            return Task.FromResult<string?>(null);
        }

        return Task.FromResult<string?>(summary is null ? "cleared" : "written");
    });

    /// <summary>
    /// The frame of every write: the participant through the query filter (else 404), the programme.write permission
    /// (else 403), the version read (else the conflict message), then the form's own checks and domain rule; on any
    /// error nothing is saved and the page shows the message; on success the change and its audit event are saved together.
    /// </summary>
    private async Task<IActionResult> WriteAsync(Guid id, string form, string action, Func<ProgrammeParticipant, List<FieldError>, Task<string?>> apply)
    {
        var ct = HttpContext.RequestAborted;
        var participant = await db.ProgrammeParticipants.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null)
        {
            await audit.RecordAsync(action, nameof(ProgrammeParticipant), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        if (!CanWrite)
        {
            await audit.RecordAsync(action, nameof(ProgrammeParticipant), id, AuditLog.Denied, territory: participant.TerritoryCode, ct: ct);
            return Forbid();
        }

        var versionUnreadable = ModelState.ErrorFor(nameof(Version)) is not null;
        ModelState.Clear();
        if (versionUnreadable || Version is null || Version != participant.Version)
        {
            return await ShowConflictAsync(id, ct);
        }

        var errors = new List<FieldError>();
        var reason = await apply(participant, errors);
        if (reason is null)
        {
            db.ChangeTracker.Clear();
            FailedForm = form;
            ProgrammeInput.AddTo(ModelState, errors.Count > 0 ? errors : [new FieldError(string.Empty, "programme.error.not-saved")]);
            return await ShowAsync(id, StatusCodes.Status422UnprocessableEntity, ct);
        }

        // Every write bumps the participant's version, so any other form on a page read before it is stale.
        db.Entry(participant).Property(p => p.Version).IsModified = true;
        audit.Append(action, nameof(ProgrammeParticipant), participant.Id, reason: reason, territory: participant.TerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ShowConflictAsync(id, ct);
        }

        Message = Texts.Get("programme.saved." + form);
        return LocalRedirect($"/programme/participants/{id}");
    }

    private async Task<IActionResult> ShowConflictAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Conflict = Texts.Get("programme.conflict");
        return await ShowAsync(id, StatusCodes.Status409Conflict, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, int status, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        audit.Append("programme-participant.read", nameof(ProgrammeParticipant), id, territory: Participant.TerritoryCode);
        await db.SaveChangesAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var participant = await db.ProgrammeParticipants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null)
        {
            return false;
        }

        Participant = participant;
        Site = await db.ProgrammeSites.AsNoTracking().FirstAsync(s => s.Code == participant.SiteCode, ct);
        Obligations = await db.CourtObligations.AsNoTracking().Where(o => o.ParticipantId == id).OrderBy(o => o.StartsOn).ThenBy(o => o.Id).ToListAsync(ct);
        Components = await db.PlanComponents.AsNoTracking().Where(c => c.ParticipantId == id).OrderBy(c => c.Kind).ThenBy(c => c.Id).ToListAsync(ct);
        Events = await db.ParticipantEvents.AsNoTracking().Where(e => e.ParticipantId == id).OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.RecordedAt).ToListAsync(ct);
        EnrolledAtSite = await ProgrammeSites.EnrolledAsync(db, participant.SiteCode, ct);
        return true;
    }

    internal sealed class EnrolInput
    {
        public string? EnrolledOn { get; set; }

        public string? StartsOn { get; set; }

        public string? EndsOn { get; set; }
    }

    internal sealed class NotEnrolledInput
    {
        public string? On { get; set; }

        public string? Reason { get; set; }
    }

    internal sealed class ObligationInput
    {
        public string? Kind { get; set; }

        public string? Detail { get; set; }

        public string? StartsOn { get; set; }

        public string? EndsOn { get; set; }
    }

    internal sealed class ComponentInput
    {
        /// <summary>Set when an existing component is edited (with its own version).</summary>
        public Guid? Id { get; set; }

        public int Version { get; set; }

        public string? Kind { get; set; }

        public string? Provider { get; set; }

        public string? Status { get; set; }

        public string? StartedOn { get; set; }

        public string? EndedOn { get; set; }

        public string? Note { get; set; }
    }

    internal sealed class EventInput
    {
        public string? Kind { get; set; }

        public string? Category { get; set; }

        public string? OffenceDetail { get; set; }

        public string? OccurredOn { get; set; }

        public string? Note { get; set; }
    }
}
