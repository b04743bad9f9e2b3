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

    public static bool IsOffence(ParticipantEventKind kind) => kind is ParticipantEventKind.NewOffence or ParticipantEventKind.Conviction;
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
}
