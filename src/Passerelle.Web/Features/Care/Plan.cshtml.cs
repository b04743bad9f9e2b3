using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Care;

/// <summary>
/// A care plan (roles care and clinician, own territory): goals, interventions by type with their provider,
/// the sessions and contacts log, family members and family-support sessions, periodic progress reviews, the
/// summary the panel reads, withdrawal of consent and closure with an outcome. Every form carries the plan's
/// version: a stale form gets 409 and changes nothing; an ended plan is read-only (409, nothing changes). The
/// read and every write are audited. Health notes are not here: clinicians open them on their own page.
/// </summary>
[Authorize(Policy = Permissions.CareRead)]
internal sealed class PlanModel(PasserelleDb db, AuditLog audit, TimeProvider clock, RetentionRules rules) : PageModel
{
    public const int MaxDurationMinutes = 1440;

    public sealed record SessionRow(Guid Id, CareSessionKind Kind, DateTime At, int? Duration, string? Intervention, IReadOnlyList<string> Members, string? Note, string By);

    public sealed record ReviewRow(DateOnly HeldOn, string Progress, DateOnly? NextReviewOn, string By);

    [TempData]
    public string? Message { get; set; }

    public CarePlan? Plan { get; private set; }

    public IReadOnlyList<CareGoal> Goals { get; private set; } = [];

    public IReadOnlyList<CareIntervention> Interventions { get; private set; } = [];

    public IReadOnlyList<CareFamilyMember> Family { get; private set; } = [];

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public IReadOnlyList<ReviewRow> Reviews { get; private set; } = [];

    public string? Conflict { get; private set; }

    public DateOnly Today { get; private set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? GoalText { get; set; }
    [BindProperty] public Guid? GoalId { get; set; }
    [BindProperty] public string? GoalOutcome { get; set; }
    [BindProperty] public string? InterventionType { get; set; }
    [BindProperty] public string? Provider { get; set; }
    [BindProperty] public string? StartedOn { get; set; }
    [BindProperty] public string? InterventionNote { get; set; }
    [BindProperty] public Guid? InterventionId { get; set; }
    [BindProperty] public string? EndedOn { get; set; }
    [BindProperty] public string? SessionKind { get; set; }
    [BindProperty] public string? SessionAt { get; set; }
    [BindProperty] public string? Duration { get; set; }
    [BindProperty] public string? SessionInterventionId { get; set; }
    [BindProperty] public string? SessionNote { get; set; }
    [BindProperty] public string? MemberName { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? MemberContact { get; set; }
    [BindProperty] public Guid? MemberId { get; set; }
    [BindProperty] public string? FamilyAt { get; set; }
    [BindProperty] public string? FamilyDuration { get; set; }
    [BindProperty] public List<string> FamilyMembers { get; set; } = [];
    [BindProperty] public string? FamilyNote { get; set; }
    [BindProperty] public string? HeldOn { get; set; }
    [BindProperty] public string? Progress { get; set; }
    [BindProperty] public string? NextReviewOn { get; set; }
    [BindProperty] public string? ReviewSummary { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? WithdrawnOn { get; set; }
    [BindProperty] public string? WithdrawalNote { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? OutcomeNote { get; set; }

    public string NowLocal => CareInput.LocalIso(clock.GetUtcNow().UtcDateTime);

    public bool CanWrite => AccessScope.From(User).Can(Permissions.CareWrite);

    public bool CanReadHealthNotes => AccessScope.From(User).Can(Permissions.HealthNotes);

    public static IReadOnlyList<InterventionType> InterventionTypes { get; } = Enum.GetValues<InterventionType>();

    public static IReadOnlyList<FamilyRelationship> Relationships { get; } = Enum.GetValues<FamilyRelationship>();

    public static IReadOnlyList<CareOutcome> ClosingOutcomes { get; } = [.. Enum.GetValues<CareOutcome>().Where(o => o != CareOutcome.ConsentWithdrawn)];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            await audit.RecordAsync("care.plan.read", nameof(CarePlan), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        audit.Append("care.plan.read", nameof(CarePlan), id, territory: Plan!.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostGoalAsync(Guid id, CancellationToken ct) => WriteAsync(id, "goal-added", "goals", (plan, now) =>
    {
        var text = Required(nameof(GoalText), GoalText, CareGoal.MaxTextLength);
        if (text is not null)
        {
            db.CareGoals.Add(new CareGoal { PlanId = plan.Id, TerritoryCode = plan.TerritoryCode, Text = text, CreatedAt = now });
        }

        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostGoalSettleAsync(Guid id, CancellationToken ct) => WriteAsync(id, "goal-settled", "goals", async (plan, now) =>
    {
        var goal = GoalId is { } gid ? await db.CareGoals.FirstOrDefaultAsync(g => g.Id == gid && g.PlanId == plan.Id, ct) : null;
        CareGoalStatus? status = GoalOutcome switch { "achieved" => CareGoalStatus.Achieved, "dropped" => CareGoalStatus.Dropped, _ => null };
        if (goal is null || goal.Status != CareGoalStatus.Open)
        {
            ModelState.AddModelError(nameof(GoalId), Texts.Get("care-plan.error.goal"));
        }
        else if (status is null)
        {
            ModelState.AddModelError(nameof(GoalOutcome), Texts.Get("care-plan.error.choice"));
        }
        else
        {
            goal.Status = status.Value;
            goal.SettledAt = now;
        }
    }, ct);

    public Task<IActionResult> OnPostInterventionAsync(Guid id, CancellationToken ct) => WriteAsync(id, "intervention-added", "interventions", (plan, now) =>
    {
        var type = Parse<InterventionType>(nameof(InterventionType), InterventionType);
        var provider = Required(nameof(Provider), Provider, CareIntervention.MaxProviderLength);
        var started = DayIn(nameof(StartedOn), StartedOn, plan.ConsentGivenOn.AddYears(-1), DateOnly.FromDateTime(now).AddYears(1));
        var note = Optional(nameof(InterventionNote), InterventionNote, CareIntervention.MaxNoteLength);
        if (ModelState.IsValid)
        {
            db.CareInterventions.Add(new CareIntervention
            {
                PlanId = plan.Id, TerritoryCode = plan.TerritoryCode, Type = type!.Value, Provider = provider!, StartedOn = started!.Value, Note = note,
            });
        }

        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostInterventionEndAsync(Guid id, CancellationToken ct) => WriteAsync(id, "intervention-ended", "interventions", async (plan, now) =>
    {
        var intervention = InterventionId is { } iid ? await db.CareInterventions.FirstOrDefaultAsync(i => i.Id == iid && i.PlanId == plan.Id, ct) : null;
        if (intervention is null || intervention.EndedOn is not null)
        {
            ModelState.AddModelError(nameof(InterventionId), Texts.Get("care-plan.error.intervention"));
            return;
        }

        if (DayIn(nameof(EndedOn), EndedOn, intervention.StartedOn, DateOnly.FromDateTime(now)) is { } ended)
        {
            intervention.EndedOn = ended;
        }
    }, ct);

    public Task<IActionResult> OnPostSessionAsync(Guid id, CancellationToken ct) => WriteAsync(id, "session-added", "sessions", async (plan, now) =>
    {
        CareSessionKind? kind = SessionKind switch { "session" => CareSessionKind.Session, "contact" => CareSessionKind.Contact, _ => null };
        if (kind is null)
        {
            ModelState.AddModelError(nameof(SessionKind), Texts.Get("care-plan.error.choice"));
        }

        var at = MomentIn(nameof(SessionAt), SessionAt, plan, now);
        var duration = Minutes(nameof(Duration), Duration);
        Guid? interventionId = null;
        if (!string.IsNullOrWhiteSpace(SessionInterventionId))
        {
            interventionId = Guid.TryParse(SessionInterventionId, out var iid) && await db.CareInterventions.AnyAsync(i => i.Id == iid && i.PlanId == plan.Id, ct) ? iid : null;
            if (interventionId is null)
            {
                ModelState.AddModelError(nameof(SessionInterventionId), Texts.Get("care-plan.error.intervention"));
            }
        }

        var note = Optional(nameof(SessionNote), SessionNote, CareSession.MaxNoteLength);
        if (ModelState.IsValid)
        {
            db.CareSessions.Add(new CareSession
            {
                PlanId = plan.Id, TerritoryCode = plan.TerritoryCode, Kind = kind!.Value, At = at!.Value, DurationMinutes = duration, InterventionId = interventionId,
                Note = note, RecordedById = ActorId, RecordedAt = now,
            });
        }
    }, ct);

    public Task<IActionResult> OnPostFamilyMemberAsync(Guid id, CancellationToken ct) => WriteAsync(id, "family-member-added", "family", (plan, now) =>
    {
        var name = Required(nameof(MemberName), MemberName, CareFamilyMember.MaxNameLength);
        var relationship = Parse<FamilyRelationship>(nameof(Relationship), Relationship);
        var contact = Optional(nameof(MemberContact), MemberContact, CareFamilyMember.MaxContactLength);
        if (ModelState.IsValid)
        {
            db.CareFamilyMembers.Add(new CareFamilyMember { PlanId = plan.Id, TerritoryCode = plan.TerritoryCode, Name = name!, Relationship = relationship!.Value, Contact = contact });
        }

        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostFamilyMemberGoneAsync(Guid id, CancellationToken ct) => WriteAsync(id, "family-member-gone", "family", async (plan, now) =>
    {
        var member = MemberId is { } mid ? await db.CareFamilyMembers.FirstOrDefaultAsync(m => m.Id == mid && m.PlanId == plan.Id, ct) : null;
        if (member is null || !member.Involved)
        {
            ModelState.AddModelError(nameof(MemberId), Texts.Get("care-plan.error.member"));
            return;
        }

        member.Involved = false;
    }, ct);

    public Task<IActionResult> OnPostFamilySessionAsync(Guid id, CancellationToken ct) => WriteAsync(id, "family-session-added", "family", async (plan, now) =>
    {
        var at = MomentIn(nameof(FamilyAt), FamilyAt, plan, now);
        var duration = Minutes(nameof(FamilyDuration), FamilyDuration);
        var note = Optional(nameof(FamilyNote), FamilyNote, CareSession.MaxNoteLength);
        var chosen = FamilyMembers.Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).Distinct().ToList();
        var involved = await db.CareFamilyMembers.Where(m => m.PlanId == plan.Id && m.Involved).Select(m => m.Id).ToListAsync(ct);
        if (chosen.Count == 0 || chosen.Any(g => !involved.Contains(g)))
        {
            ModelState.AddModelError(nameof(FamilyMembers), Texts.Get(chosen.Count == 0 ? "care-plan.error.members-required" : "care-plan.error.member"));
        }

        if (ModelState.IsValid)
        {
            db.CareSessions.Add(new CareSession
            {
                PlanId = plan.Id, TerritoryCode = plan.TerritoryCode, Kind = CareSessionKind.FamilySupport, At = at!.Value, DurationMinutes = duration,
                FamilyMemberIds = string.Join(',', chosen), Note = note, RecordedById = ActorId, RecordedAt = now,
            });
        }
    }, ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) => WriteAsync(id, "review-added", "reviews", (plan, now) =>
    {
        var today = DateOnly.FromDateTime(now);
        var held = DayIn(nameof(HeldOn), HeldOn, plan.ConsentGivenOn, today);
        var progress = Required(nameof(Progress), Progress, CareProgressReview.MaxTextLength);
        var next = DayIn(nameof(NextReviewOn), NextReviewOn, today.AddDays(1), today.AddMonths(12));
        var summary = Optional(nameof(ReviewSummary), ReviewSummary, CarePlan.MaxSummaryLength);
        if (ModelState.IsValid)
        {
            db.CareProgressReviews.Add(new CareProgressReview
            {
                PlanId = plan.Id, TerritoryCode = plan.TerritoryCode, HeldOn = held!.Value, Progress = progress!, NextReviewOn = next, RecordedById = ActorId, RecordedAt = now,
            });
            plan.NextReviewOn = next;
            if (summary is not null)
            {
                plan.PanelSummary = summary;
                plan.PanelSummaryAt = now;
            }
        }

        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostSummaryAsync(Guid id, CancellationToken ct) => WriteAsync(id, "summary-updated", "summary", (plan, now) =>
    {
        var summary = Required(nameof(Summary), Summary, CarePlan.MaxSummaryLength);
        if (summary is not null)
        {
            plan.PanelSummary = summary;
            plan.PanelSummaryAt = now;
        }

        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) => WriteAsync(id, "consent-withdrawn", "status", (plan, now) =>
    {
        var on = CareInput.Day(WithdrawnOn);
        if (on is null)
        {
            ModelState.AddModelError(nameof(WithdrawnOn), Texts.Get("care-plan.error.date"));
        }
        else if (plan.WithdrawConsent(on.Value, WithdrawalNote, now, rules.EndedCarePlan) is { } error)
        {
            ModelState.AddModelError(error is CareTextTooLong ? nameof(WithdrawalNote) : nameof(WithdrawnOn), CareErrors.Message(error));
        }

        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) => WriteAsync(id, "closed", "status", (plan, now) =>
    {
        var outcome = Parse<CareOutcome>(nameof(Outcome), Outcome);
        if (outcome is { } o && plan.Close(o, OutcomeNote, now, rules.EndedCarePlan) is { } error)
        {
            ModelState.AddModelError(error is CareUseWithdrawal ? nameof(Outcome) : nameof(OutcomeNote), CareErrors.Message(error));
        }

        return Task.CompletedTask;
    }, ct);

    public static string MemberNames(IEnumerable<string> names) => string.Join(", ", names);

    private string ActorId => AccessScope.From(User).UserId ?? "system";

    /// <summary>
    /// The shared path of every write: the plan of the user's territory (else 404), open (else 409, read-only),
    /// at the version the form was built from (else 409); then the change, its audit event and the plan's new
    /// version in one save. Invalid input: 422 with the messages, nothing saved.
    /// </summary>
    private async Task<IActionResult> WriteAsync(Guid id, string action, string anchor, Func<CarePlan, DateTime, Task> apply, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        ModelState.Clear();
        var plan = await db.CarePlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            await audit.RecordAsync("care.plan." + action, nameof(CarePlan), id, AuditLog.NotFound, ct: ct);
            return NotFound();
        }

        if (!plan.IsOpen)
        {
            return await RefuseAsync(plan, action, "care-plan.error.closed", ct);
        }

        if (plan.Version != Version)
        {
            return await RefuseAsync(plan, action, "care-plan.error.stale", ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await apply(plan, now);
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        db.Entry(plan).Property(p => p.Version).IsModified = true;
        audit.Append("care.plan." + action, nameof(CarePlan), plan.Id, territory: plan.TerritoryCode);
        if (!await CareSave.TryAsync(db, ct))
        {
            var current = await db.CarePlans.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            return await RefuseAsync(current, action, "care-plan.error.stale", ct);
        }

        Message = Texts.Get("care-plan.saved." + action);
        return LocalRedirect($"/care/plans/{id}#{anchor}");
    }

    private async Task<IActionResult> RefuseAsync(CarePlan plan, string action, string key, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        await audit.RecordAsync("care.plan." + action, nameof(CarePlan), plan.Id, AuditLog.Denied, reason: key, territory: plan.TerritoryCode, ct: ct);
        await LoadAsync(plan.Id, ct);
        Conflict = Texts.Get(key);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private string? Required(string field, string? value, int max)
    {
        var text = CareInput.Text(value);
        if (text is null)
        {
            ModelState.AddModelError(field, Texts.Get("care-plan.error.required"));
            return null;
        }

        return Optional(field, text, max);
    }

    private string? Optional(string field, string? value, int max)
    {
        var text = CareInput.Text(value);
        if (text is { Length: var length } && length > max)
        {
            ModelState.AddModelError(field, Texts.Format("care-plan.error.too-long", max));
            return null;
        }

        return text;
    }

    private T? Parse<T>(string field, string? value)
        where T : struct, Enum
    {
        if (value is { Length: > 0 and <= 40 } && !value.Any(char.IsDigit) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        ModelState.AddModelError(field, Texts.Get("care-plan.error.choice"));
        return null;
    }

    private DateOnly? DayIn(string field, string? value, DateOnly from, DateOnly to)
    {
        var day = CareInput.Day(value);
        if (day is null)
        {
            ModelState.AddModelError(field, Texts.Get("care-plan.error.date"));
            return null;
        }

        if (day < from || day > to)
        {
            ModelState.AddModelError(field, Texts.Format("care-plan.error.date-range", CareInput.Day(from), CareInput.Day(to)));
            return null;
        }

        return day;
    }

    /// <summary>A session's date-time: not in the future, not before consent was given.</summary>
    private DateTime? MomentIn(string field, string? value, CarePlan plan, DateTime now)
    {
        var at = CareInput.LocalDateTime(value);
        if (at is null)
        {
            ModelState.AddModelError(field, Texts.Get("care-plan.error.date-time"));
            return null;
        }

        // The consent date is a calendar day in Paris: compare the session's Paris day, not its
        // UTC one (a session at 00:30 on the day of consent is 23:30 UTC the day before).
        if (at > now.AddMinutes(5) || ParisTime.Day(at.Value) < plan.ConsentGivenOn)
        {
            ModelState.AddModelError(field, Texts.Get("care-plan.error.session-time"));
            return null;
        }

        return at;
    }

    private int? Minutes(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= MaxDurationMinutes)
        {
            return minutes;
        }

        ModelState.AddModelError(field, Texts.Format("care-plan.error.duration", MaxDurationMinutes));
        return null;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Plan = await db.CarePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Plan is null)
        {
            return false;
        }

        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Goals = await db.CareGoals.AsNoTracking().Where(g => g.PlanId == id).OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).ToListAsync(ct);
        Interventions = await db.CareInterventions.AsNoTracking().Where(i => i.PlanId == id).OrderBy(i => i.StartedOn).ThenBy(i => i.Id).ToListAsync(ct);
        Family = await db.CareFamilyMembers.AsNoTracking().Where(m => m.PlanId == id).OrderBy(m => m.Name).ThenBy(m => m.Id).ToListAsync(ct);
        var sessions = await db.CareSessions.AsNoTracking().Where(s => s.PlanId == id).OrderByDescending(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        var reviews = await db.CareProgressReviews.AsNoTracking().Where(r => r.PlanId == id).OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.RecordedAt).ToListAsync(ct);
        var authorIds = sessions.Select(s => s.RecordedById).Concat(reviews.Select(r => r.RecordedById)).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var members = Family.ToDictionary(m => m.Id.ToString(), m => m.Name, StringComparer.OrdinalIgnoreCase);
        var interventions = Interventions.ToDictionary(i => i.Id, i => $"{Texts.Get("care-plan.intervention." + i.Type)} — {i.Provider}");
        Sessions = [.. sessions.Select(s => new SessionRow(
            s.Id, s.Kind, s.At, s.DurationMinutes, s.InterventionId is { } iid ? interventions.GetValueOrDefault(iid) : null,
            [.. (s.FamilyMemberIds ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(m => members.GetValueOrDefault(m) ?? "—")],
            s.Note, authors.GetValueOrDefault(s.RecordedById) ?? s.RecordedById))];
        Reviews = [.. reviews.Select(r => new ReviewRow(r.HeldOn, r.Progress, r.NextReviewOn, authors.GetValueOrDefault(r.RecordedById) ?? r.RecordedById))];
        return true;
    }
}
