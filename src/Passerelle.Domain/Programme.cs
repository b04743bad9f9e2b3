namespace Passerelle.Domain;

// The programme compartment (DESIGN.md: role programme, own site). A site's staff hold the territories the
// site covers; participants and releases carry the territory they are filtered on.

public enum SiteStatus
{
    Open = 1,

    /// <summary>Asked for, not open yet (Nice, Strasbourg): no enrolment.</summary>
    Planned = 2,
}

/// <summary>A disengagement programme site (reference data).</summary>
public sealed class ProgrammeSite : IVersioned
{
    public required string Code { get; init; }

    public required string Name { get; set; }

    public required string City { get; set; }

    /// <summary>The département the site sits in; its participants carry this territory.</summary>
    public required string TerritoryCode { get; init; }

    /// <summary>The départements whose releases and referrals the site takes (comma-separated codes).</summary>
    public required string CoveredTerritories { get; set; }

    public int Capacity { get; set; }

    public SiteStatus Status { get; set; } = SiteStatus.Open;

    /// <summary>The site's shared mailbox (release alerts go there).</summary>
    public string? ContactEmail { get; set; }

    public int Version { get; set; }

    public IEnumerable<string> Covered => CoveredTerritories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum ParticipantStatus
{
    /// <summary>Referred, not enrolled yet.</summary>
    Referred = 1,

    Enrolled = 2,

    /// <summary>Follow-up over (window reached, return to prison, withdrawal…): see EndReason.</summary>
    Ended = 3,

    /// <summary>Referred but never enrolled.</summary>
    NotEnrolled = 4,
}

public enum ReferralSource
{
    /// <summary>The probation service (SPIP), under a court order.</summary>
    Probation = 1,

    /// <summary>A sentencing or enforcement judge directly.</summary>
    Court = 2,

    /// <summary>A departmental panel's decision (the programme then records the judicial referral's details).</summary>
    Panel = 3,
}

public enum ParticipantEndReason
{
    FollowUpCompleted = 1,
    ReturnToPrison = 2,
    Withdrawn = 3,
    Moved = 4,
    Deceased = 5,
    Other = 6,
}

/// <summary>
/// A participant of a site: referral (with court-ordered obligations), enrolment, an individual plan, dated
/// events, an explicit follow-up window (<see cref="FollowUpStartsOn"/>..<see cref="FollowUpEndsOn"/>) that the
/// evaluation censors at.
/// </summary>
public sealed class ProgrammeParticipant : IVersioned
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxSummaryLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string SiteCode { get; set; }

    /// <summary>The site's département (the query filter's territory).</summary>
    public required string TerritoryCode { get; set; }

    /// <summary>Link to the register when the referral came from a panel (the programme never reads the register).</summary>
    public Guid? PersonId { get; init; }

    public Guid? CaseId { get; init; }

    public required string GivenName { get; set; }

    public required string Surname { get; set; }

    public int? BirthYear { get; set; }

    public ParticipantStatus Status { get; set; } = ParticipantStatus.Referred;

    public ReferralSource Source { get; init; }

    /// <summary>The referring service (e.g. "SPIP de Paris") and officer.</summary>
    public string? ReferringService { get; set; }

    public DateOnly ReferredOn { get; init; }

    public string? ReferralNote { get; set; }

    /// <summary>The releasing establishment, when the referral precedes release.</summary>
    public Guid? ReleaseId { get; set; }

    public DateOnly? EnrolledOn { get; set; }

    /// <summary>Start of the outcome follow-up window (enrolment by default).</summary>
    public DateOnly? FollowUpStartsOn { get; set; }

    /// <summary>End of the outcome follow-up window, explicit for every enrolled participant.</summary>
    public DateOnly? FollowUpEndsOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public ParticipantEndReason? EndReason { get; set; }

    public string? EndNote { get; set; }

    /// <summary>The short progress summary written for the referring panel (the only content it reads).</summary>
    public string? PanelSummary { get; set; }

    public DateTime? PanelSummaryAt { get; set; }

    public DateTime CreatedAt { get; init; }

    public required string CreatedById { get; init; }

    /// <summary>Retention deadline, set when the follow-up ends.</summary>
    public DateTime? RetainUntil { get; set; }

    public int Version { get; set; }

    public int? CohortYear => EnrolledOn?.Year;

    /// <summary>The longest follow-up window the programme agrees to record (an agreed bound: 10 years).</summary>
    public const int MaxFollowUpYears = 10;

    /// <summary>Referred or enrolled: the participation is live (the duplicate check and capacity count these).</summary>
    public bool IsLive() => Status is ParticipantStatus.Referred or ParticipantStatus.Enrolled;

    /// <summary>Ended or never enrolled: read-only except the panel summary.</summary>
    public bool IsClosed() => Status is ParticipantStatus.Ended or ParticipantStatus.NotEnrolled;

    /// <summary>A panel's referral needs the judicial referral's details (at least one court-ordered obligation) before enrolment.</summary>
    public bool NeedsJudicialDetails(int obligationCount) => Source == ReferralSource.Panel && obligationCount == 0;

    /// <summary>
    /// Enrols a referred participant with an explicit follow-up window: refused at a planned site, at a site at
    /// capacity (<paramref name="enrolledAtSite"/> counts the site's enrolled participants), without the judicial
    /// details of a panel's referral, with dates outside referral..today, or a window that is empty or longer than
    /// <see cref="MaxFollowUpYears"/> years.
    /// </summary>
    public DomainError? Enrol(ProgrammeSite site, int enrolledAtSite, int obligationCount, DateOnly enrolledOn, DateOnly followUpStartsOn, DateOnly followUpEndsOn, DateOnly today)
    {
        if (Status != ParticipantStatus.Referred)
        {
            return new ProgrammeParticipantNotReferred();
        }

        if (site.Code != SiteCode)
        {
            throw new ArgumentException("The participant's own site is expected.", nameof(site));
        }

        if (site.Status != SiteStatus.Open)
        {
            return new ProgrammeSitePlanned();
        }

        if (NeedsJudicialDetails(obligationCount))
        {
            return new ProgrammeJudicialDetailsRequired();
        }

        if (enrolledAtSite >= site.Capacity)
        {
            return new ProgrammeSiteFull(site.Capacity);
        }

        if (enrolledOn < ReferredOn || enrolledOn > today || followUpStartsOn < ReferredOn || followUpStartsOn > today)
        {
            return new ProgrammeDateOutOfRange();
        }

        if (followUpEndsOn <= followUpStartsOn || followUpEndsOn > followUpStartsOn.AddYears(MaxFollowUpYears))
        {
            return new ProgrammeWindowInvalid(MaxFollowUpYears);
        }

        Status = ParticipantStatus.Enrolled;
        EnrolledOn = enrolledOn;
        FollowUpStartsOn = followUpStartsOn;
        FollowUpEndsOn = followUpEndsOn;
        return null;
    }

    /// <summary>Records that a referred participant was never enrolled (a reason is required); the retention deadline starts.</summary>
    public DomainError? MarkNotEnrolled(DateOnly on, string? reason, DateOnly today, TimeSpan retention)
    {
        if (Status != ParticipantStatus.Referred)
        {
            return new ProgrammeParticipantNotReferred();
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ProgrammeReasonRequired();
        }

        if (reason.Length > MaxTextLength)
        {
            return new ProgrammeTextTooLong(MaxTextLength);
        }

        if (on < ReferredOn || on > today)
        {
            return new ProgrammeDateOutOfRange();
        }

        Status = ParticipantStatus.NotEnrolled;
        EndedOn = on;
        EndNote = reason;
        RetainUntil = RetentionFrom(on, retention);
        return null;
    }

    /// <summary>
    /// Records a dated event. Dates lie between the referral and today; outcome events need an enrolled
    /// participant and a date inside the follow-up window's end; offences carry their category (and a short
    /// detail for "other"). End of follow-up and return to prison end the participation and start the retention
    /// deadline. A closed participant is read-only.
    /// </summary>
    public (ParticipantEvent? Event, DomainError? Error) RecordEvent(
        ParticipantEventKind kind, OffenceCategory? category, string? offenceDetail, DateOnly occurredOn, string? note, string actorId, DateTime now, DateOnly today, TimeSpan retention)
    {
        if (IsClosed())
        {
            return (null, new ProgrammeParticipantClosed());
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        if (occurredOn < ReferredOn || occurredOn > today)
        {
            return (null, new ProgrammeDateOutOfRange());
        }

        if (note is { Length: > ParticipantEvent.MaxTextLength })
        {
            return (null, new ProgrammeTextTooLong(ParticipantEvent.MaxTextLength));
        }

        var offence = ParticipantEvent.IsOffence(kind);
        if (offence && category is null)
        {
            return (null, new ProgrammeOffenceCategoryRequired());
        }

        if (offence && offenceDetail is { Length: > ParticipantEvent.MaxDetailLength })
        {
            return (null, new ProgrammeTextTooLong(ParticipantEvent.MaxDetailLength));
        }

        if (ParticipantEvent.IsOutcome(kind))
        {
            if (Status != ParticipantStatus.Enrolled)
            {
                return (null, new ProgrammeOutcomeNeedsEnrolment());
            }

            if (occurredOn > FollowUpEndsOn)
            {
                return (null, new ProgrammeOutcomeAfterWindow());
            }
        }

        var recorded = new ParticipantEvent
        {
            ParticipantId = Id,
            TerritoryCode = TerritoryCode,
            SiteCode = SiteCode,
            Kind = kind,
            Category = offence ? category : null,
            OffenceDetail = offence ? offenceDetail : null,
            OccurredOn = occurredOn,
            Note = note,
            RecordedById = actorId,
            RecordedAt = now,
        };
        if (kind is ParticipantEventKind.EndOfFollowUp or ParticipantEventKind.ReturnToPrison)
        {
            Status = ParticipantStatus.Ended;
            EndedOn = occurredOn;
            EndReason = kind == ParticipantEventKind.ReturnToPrison ? ParticipantEndReason.ReturnToPrison : ParticipantEndReason.FollowUpCompleted;
            EndNote = note;
            RetainUntil = RetentionFrom(occurredOn, retention);
        }

        return (recorded, null);
    }

    /// <summary>Adds a court-ordered obligation (while the participation is live): the end, when known, is not before the start.</summary>
    public (CourtObligation? Obligation, DomainError? Error) AddObligation(ObligationKind kind, string? detail, DateOnly startsOn, DateOnly? endsOn)
    {
        if (IsClosed())
        {
            return (null, new ProgrammeParticipantClosed());
        }

        var error = CourtObligation.Check(kind, detail, startsOn, endsOn);
        return error is not null
            ? (null, error)
            : (new CourtObligation { ParticipantId = Id, TerritoryCode = TerritoryCode, Kind = kind, Detail = detail, StartsOn = startsOn, EndsOn = endsOn }, null);
    }

    /// <summary>Adds a component of the individual plan (while the participation is live).</summary>
    public (PlanComponent? Component, DomainError? Error) AddComponent(ComponentKind kind, string? provider, ComponentStatus status, DateOnly? startedOn, DateOnly? endedOn, string? note, DateOnly today)
    {
        if (IsClosed())
        {
            return (null, new ProgrammeParticipantClosed());
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        var component = new PlanComponent { ParticipantId = Id, TerritoryCode = TerritoryCode, Kind = kind };
        var error = component.Update(this, provider, status, startedOn, endedOn, note, today);
        return error is null ? (component, null) : (null, error);
    }

    /// <summary>The short summary written for the referring panel (≤ 500 characters): only for a panel's referral; allowed after the end.</summary>
    public DomainError? WritePanelSummary(string? summary, DateTime now)
    {
        if (Source != ReferralSource.Panel)
        {
            return new ProgrammeNotFromPanel();
        }

        if (summary is { Length: > MaxSummaryLength })
        {
            return new ProgrammeTextTooLong(MaxSummaryLength);
        }

        PanelSummary = string.IsNullOrWhiteSpace(summary) ? null : summary;
        PanelSummaryAt = now;
        return null;
    }

    private static DateTime RetentionFrom(DateOnly end, TimeSpan retention) => end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) + retention;
}

public enum ObligationKind
{
    Residence = 1,
    Reporting = 2,
    WorkOrTraining = 3,
    CareOrder = 4,
    NoContact = 5,
    ProgrammeAttendance = 6,
    TravelBan = 7,
    Other = 8,
}

/// <summary>A court-ordered obligation with its dates.</summary>
public sealed class CourtObligation
{
    public const int MaxDetailLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ParticipantId { get; init; }

    public required string TerritoryCode { get; set; }

    public ObligationKind Kind { get; init; }

    public string? Detail { get; init; }

    public DateOnly StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    /// <summary>The earliest date an obligation may carry (older sentences are out of the programme's reach).</summary>
    public static readonly DateOnly Earliest = new(1990, 1, 1);

    public static DomainError? Check(ObligationKind kind, string? detail, DateOnly startsOn, DateOnly? endsOn)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        if (detail is { Length: > MaxDetailLength })
        {
            return new ProgrammeTextTooLong(MaxDetailLength);
        }

        if (startsOn < Earliest || endsOn is { } e && (e < startsOn || e > startsOn.AddYears(40)))
        {
            return new ProgrammeObligationDatesInvalid();
        }

        return null;
    }
}

public enum ComponentKind
{
    Housing = 1,
    Employment = 2,
    MentalHealth = 3,

    /// <summary>Discussion with a religious counsellor (a service offered, never a record of belief).</summary>
    ReligiousCounsel = 4,

    Education = 5,
    Family = 6,
}

public enum ComponentStatus
{
    Planned = 1,
    Active = 2,
    Completed = 3,
    Stopped = 4,
}

/// <summary>A component of the participant's individual plan.</summary>
public sealed class PlanComponent : IVersioned
{
    public const int MaxTextLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ParticipantId { get; init; }

    public required string TerritoryCode { get; set; }

    public ComponentKind Kind { get; init; }

    public string? Provider { get; set; }

    public ComponentStatus Status { get; set; } = ComponentStatus.Planned;

    public DateOnly? StartedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public string? Note { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// Sets provider, status, dates and note: the dates lie between the referral and today, the end not before the
    /// start; a completed or stopped component has an end date, a planned one none. A closed participant is read-only.
    /// </summary>
    public DomainError? Update(ProgrammeParticipant participant, string? provider, ComponentStatus status, DateOnly? startedOn, DateOnly? endedOn, string? note, DateOnly today)
    {
        if (participant.Id != ParticipantId)
        {
            throw new ArgumentException("The component's own participant is expected.", nameof(participant));
        }

        if (participant.IsClosed())
        {
            return new ProgrammeParticipantClosed();
        }

        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status));
        }

        if (provider is { Length: > MaxTextLength } || note is { Length: > MaxTextLength })
        {
            return new ProgrammeTextTooLong(MaxTextLength);
        }

        if (startedOn is { } s && (s < participant.ReferredOn || s > today)
            || endedOn is { } e && (e > today || startedOn is null || e < startedOn))
        {
            return new ProgrammeDateOutOfRange();
        }

        if (status is ComponentStatus.Completed or ComponentStatus.Stopped && endedOn is null
            || status is ComponentStatus.Planned or ComponentStatus.Active && endedOn is not null)
        {
            return new ProgrammeComponentDatesMismatch();
        }

        Provider = provider;
        Status = status;
        StartedOn = startedOn;
        EndedOn = endedOn;
        Note = note;
        return null;
    }
}

public enum ParticipantEventKind
{
    Milestone = 1,
    Incident = 2,

    /// <summary>A new offence established (charge, arrest); outcome.</summary>
    NewOffence = 3,

    /// <summary>A new conviction; outcome.</summary>
    Conviction = 4,

    /// <summary>Return to prison (revocation, new sentence); outcome, ends the follow-up.</summary>
    ReturnToPrison = 5,

    /// <summary>End of the court-ordered obligation period; outcome.</summary>
    EndOfObligation = 6,

    /// <summary>End of follow-up (the window reached or the participant left); outcome, ends the follow-up.</summary>
    EndOfFollowUp = 7,
}

public enum OffenceCategory
{
    TerrorismRelated = 1,

    /// <summary>Any other offence (e.g. drugs, violence, theft): detail in OffenceDetail.</summary>
    Other = 2,
}

/// <summary>A dated event of a participant: milestone, incident or outcome (what the evaluation counts).</summary>
public sealed class ParticipantEvent
{
    public const int MaxTextLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ParticipantId { get; init; }

    public required string TerritoryCode { get; set; }

    public required string SiteCode { get; set; }

    public ParticipantEventKind Kind { get; init; }

    /// <summary>For NewOffence and Conviction: terrorism-related or other.</summary>
    public OffenceCategory? Category { get; init; }

    /// <summary>For "other" offences: what (e.g. drugs), short.</summary>
    public string? OffenceDetail { get; init; }

    public DateOnly OccurredOn { get; init; }

    public string? Note { get; init; }

    public required string RecordedById { get; init; }

    public DateTime RecordedAt { get; init; }

    public const int MaxDetailLength = 200;

    public static bool IsOffence(ParticipantEventKind kind) => kind is ParticipantEventKind.NewOffence or ParticipantEventKind.Conviction;

    /// <summary>Outcome events (what the evaluation reads): everything but milestones and incidents.</summary>
    public static bool IsOutcome(ParticipantEventKind kind) => kind is not (ParticipantEventKind.Milestone or ParticipantEventKind.Incident);
}

public enum ReleaseStatus
{
    Expected = 1,
    Released = 2,

    /// <summary>Release date withdrawn (new sentence, transfer): kept for the record.</summary>
    Cancelled = 3,
}

/// <summary>
/// A person due to leave prison (the release calendar): date, releasing establishment, département of release
/// (the filter territory), and whether a takeover is prepared. Alerts are raised at 6 and 3 months before the
/// date when nothing is planned.
/// </summary>
public sealed class PrisonRelease : IVersioned
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Département of release.</summary>
    public required string TerritoryCode { get; set; }

    public required string GivenName { get; set; }

    public required string Surname { get; set; }

    public int? BirthYear { get; set; }

    public DateOnly ReleaseOn { get; set; }

    public required string Establishment { get; set; }

    public ReleaseStatus Status { get; set; } = ReleaseStatus.Expected;

    /// <summary>The participant prepared for this release (a takeover is prepared when set).</summary>
    public Guid? ParticipantId { get; set; }

    /// <summary>Or a takeover prepared elsewhere (another service), described.</summary>
    public string? TakeoverNote { get; set; }

    public DateTime? SixMonthAlertAt { get; set; }

    public DateTime? ThreeMonthAlertAt { get; set; }

    public DateTime CreatedAt { get; init; }

    public required string CreatedById { get; init; }

    public int Version { get; set; }

    public bool TakeoverPrepared => ParticipantId is not null || !string.IsNullOrWhiteSpace(TakeoverNote);

    /// <summary>
    /// Raises the alerts now due for an expected release with nothing planned: the 6-month alert when the date is
    /// at most 6 months away, the 3-month alert at most 3 months away; each once (an alert already raised stays).
    /// Returns which alerts this call raised.
    /// </summary>
    public (bool SixMonths, bool ThreeMonths) RaiseDueAlerts(DateOnly today, DateTime now)
    {
        if (Status != ReleaseStatus.Expected || TakeoverPrepared)
        {
            return (false, false);
        }

        var six = SixMonthAlertAt is null && ReleaseOn <= today.AddMonths(6);
        var three = ThreeMonthAlertAt is null && ReleaseOn <= today.AddMonths(3);
        if (six)
        {
            SixMonthAlertAt = now;
        }

        if (three)
        {
            ThreeMonthAlertAt = now;
        }

        return (six, three);
    }

    /// <summary>An alert is raised and the release still has no takeover: it heads the calendar.</summary>
    public bool IsAlerting() =>
        Status == ReleaseStatus.Expected && !TakeoverPrepared && (SixMonthAlertAt is not null || ThreeMonthAlertAt is not null);

    /// <summary>Still expected although its date has passed: someone must confirm the release or the new date.</summary>
    public bool IsPastDue(DateOnly today) => Status == ReleaseStatus.Expected && ReleaseOn < today;

    /// <summary>
    /// A new release date. The alerts that no longer apply to it (the date now more than 6, or 3, months away) are
    /// reset, so they are raised again when the new date comes near; those that still apply stay.
    /// </summary>
    public void Reschedule(DateOnly releaseOn, DateOnly today)
    {
        ReleaseOn = releaseOn;
        if (releaseOn > today.AddMonths(6))
        {
            SixMonthAlertAt = null;
        }

        if (releaseOn > today.AddMonths(3))
        {
            ThreeMonthAlertAt = null;
        }
    }

    /// <summary>The takeover is prepared by a participant of the programme.</summary>
    public void LinkParticipant(Guid participantId) => ParticipantId = participantId;

    /// <summary>The takeover is prepared by another service, described (null or blank removes the description).</summary>
    public void DescribeTakeover(string? note) => TakeoverNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    /// <summary>Removes the participant link (the description, if any, stays).</summary>
    public void UnlinkParticipant() => ParticipantId = null;

    /// <summary>Released or cancelled: only an expected release changes status; false otherwise (nothing changed).</summary>
    public bool Settle(ReleaseStatus outcome)
    {
        if (Status != ReleaseStatus.Expected || outcome == ReleaseStatus.Expected)
        {
            return false;
        }

        Status = outcome;
        return true;
    }
}

public sealed record ProgrammeParticipantNotReferred() : DomainError("programme.not-referred");

public sealed record ProgrammeParticipantClosed() : DomainError("programme.closed");

public sealed record ProgrammeSitePlanned() : DomainError("programme.site-planned");

public sealed record ProgrammeSiteFull(int Capacity) : DomainError("programme.site-full");

public sealed record ProgrammeJudicialDetailsRequired() : DomainError("programme.judicial-details-required");

public sealed record ProgrammeDateOutOfRange() : DomainError("programme.date-out-of-range");

public sealed record ProgrammeWindowInvalid(int MaxYears) : DomainError("programme.window-invalid");

public sealed record ProgrammeReasonRequired() : DomainError("programme.reason-required");

public sealed record ProgrammeTextTooLong(int Max) : DomainError("programme.text-too-long");

public sealed record ProgrammeOffenceCategoryRequired() : DomainError("programme.offence-category-required");

public sealed record ProgrammeOutcomeNeedsEnrolment() : DomainError("programme.outcome-needs-enrolment");

public sealed record ProgrammeOutcomeAfterWindow() : DomainError("programme.outcome-after-window");

public sealed record ProgrammeObligationDatesInvalid() : DomainError("programme.obligation-dates-invalid");

public sealed record ProgrammeComponentDatesMismatch() : DomainError("programme.component-dates-mismatch");

public sealed record ProgrammeNotFromPanel() : DomainError("programme.not-from-panel");

public sealed record ProgrammeComponentStale() : DomainError("programme.component-stale");
