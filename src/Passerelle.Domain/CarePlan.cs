namespace Passerelle.Domain;

// The care compartment (DESIGN.md: CPRAF, roles care and clinician). The register (panel) sees only the
// plan's status flag and the short summary written for it (CarePlan.PanelSummary), never the rest; health
// notes are readable by clinicians only.

public enum CareReferralStatus
{
    /// <summary>Referred by the panel; the unit has not yet recorded consent or a refusal.</summary>
    Waiting = 1,

    /// <summary>A care plan was opened with the person's (or the guardians') recorded consent.</summary>
    PlanOpened = 2,

    /// <summary>The person (or guardians) declined: no plan, the panel sees "declined".</summary>
    Declined = 3,
}

/// <summary>
/// A panel's referral of a case to the département's CPRAF, created in the same unit of work as the
/// decision "refer to the CPRAF" taking effect. It copies what the unit needs to contact the person
/// (name, year of birth, the panel's rationale), because the unit has no access to the register.
/// </summary>
public sealed class CareReferral : IVersioned
{
    public const int MaxRationaleLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TerritoryCode { get; init; }

    public Guid CaseId { get; init; }

    public Guid PersonId { get; init; }

    public Guid DecisionId { get; init; }

    public required string GivenName { get; init; }

    public required string Surname { get; init; }

    /// <summary>Year of birth, when known (a minor needs the guardians' consent).</summary>
    public int? BirthYear { get; init; }

    /// <summary>True when the person was a minor on the day of the referral.</summary>
    public bool Minor { get; init; }

    public required string Rationale { get; init; }

    public DateTime ReferredAt { get; init; }

    public CareReferralStatus Status { get; set; } = CareReferralStatus.Waiting;

    public DateTime? SettledAt { get; set; }

    public string? DeclineNote { get; set; }

    public int Version { get; set; }
}

public enum CarePlanStatus
{
    Active = 1,

    /// <summary>Closed by the unit with an outcome.</summary>
    Closed = 2,

    /// <summary>Ended because consent was withdrawn (recorded with its date).</summary>
    ConsentWithdrawn = 3,
}

public enum ConsentGivenBy
{
    /// <summary>The person themself (an adult).</summary>
    Person = 1,

    /// <summary>The legal guardians of a minor (both holders of parental authority, or the guardian named).</summary>
    Guardians = 2,
}

public enum CareOutcome
{
    GoalsMet = 1,
    PartlyMet = 2,
    StoppedAttending = 3,
    Moved = 4,
    ReferredElsewhere = 5,
    ConsentWithdrawn = 6,
    Other = 7,
}

/// <summary>
/// A voluntary care plan. It exists only with recorded consent (<see cref="Open"/> refuses otherwise);
/// withdrawal of consent ends it. Goals, interventions, sessions, family members and progress reviews hang
/// off it; health notes are separate rows that only clinicians read.
/// </summary>
public sealed class CarePlan : IVersioned
{
    public const int MaxSummaryLength = 500;
    public const int MaxNoteLength = 4000;
    public const int MaxNameLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TerritoryCode { get; init; }

    public Guid ReferralId { get; init; }

    public Guid CaseId { get; init; }

    public Guid PersonId { get; init; }

    /// <summary>Copied from the referral: the unit's own label for the person.</summary>
    public required string PersonLabel { get; init; }

    public bool Minor { get; init; }

    public CarePlanStatus Status { get; set; } = CarePlanStatus.Active;

    public DateTime OpenedAt { get; init; }

    public required string OpenedById { get; init; }

    /// <summary>Who consented: the person, or a minor's guardians.</summary>
    public ConsentGivenBy ConsentGivenBy { get; init; }

    /// <summary>The guardians' names when a minor's guardians consented.</summary>
    public string? ConsentGuardians { get; init; }

    public DateTime ConsentRecordedAt { get; init; }

    /// <summary>The date the consent was given (may precede recording by a few days).</summary>
    public DateOnly ConsentGivenOn { get; init; }

    public DateOnly? ConsentWithdrawnOn { get; set; }

    public string? ConsentWithdrawalNote { get; set; }

    public DateTime? ClosedAt { get; set; }

    public CareOutcome? Outcome { get; set; }

    public string? OutcomeNote { get; set; }

    /// <summary>The short progress summary written for the panel (the only content the panel reads).</summary>
    public string? PanelSummary { get; set; }

    public DateTime? PanelSummaryAt { get; set; }

    /// <summary>Next periodic progress review.</summary>
    public DateOnly? NextReviewOn { get; set; }

    /// <summary>Retention deadline, set when the plan ends.</summary>
    public DateTime? RetainUntil { get; set; }

    public int Version { get; set; }

    public bool IsOpen => Status == CarePlanStatus.Active;

    /// <summary>
    /// Opens a plan for a waiting referral, only with consent recorded: an adult's own, or a minor's
    /// guardians' (named). Returns the error instead when a rule is not met.
    /// </summary>
    public static (CarePlan? Plan, DomainError? Error) Open(
        CareReferral referral, bool consentRecorded, ConsentGivenBy by, string? guardians, DateOnly givenOn,
        string actorId, DateTime now)
    {
        if (referral.Status != CareReferralStatus.Waiting)
        {
            return (null, new CareReferralNotWaiting());
        }

        if (!consentRecorded)
        {
            return (null, new CareConsentRequired());
        }

        if (referral.Minor && by != ConsentGivenBy.Guardians)
        {
            return (null, new CareGuardiansConsentRequired());
        }

        guardians = string.IsNullOrWhiteSpace(guardians) ? null : guardians.Trim();
        if (by == ConsentGivenBy.Guardians && guardians is null)
        {
            return (null, new CareGuardiansConsentRequired());
        }

        if (guardians is { Length: > MaxNameLength })
        {
            return (null, new CareTextTooLong(MaxNameLength));
        }

        if (givenOn > DateOnly.FromDateTime(now) || givenOn < DateOnly.FromDateTime(now).AddYears(-1))
        {
            return (null, new CareDateOutOfRange());
        }

        var plan = new CarePlan
        {
            TerritoryCode = referral.TerritoryCode,
            ReferralId = referral.Id,
            CaseId = referral.CaseId,
            PersonId = referral.PersonId,
            PersonLabel = referral.BirthYear is { } y ? $"{referral.GivenName} {referral.Surname} ({y})" : $"{referral.GivenName} {referral.Surname}",
            Minor = referral.Minor,
            OpenedAt = now,
            OpenedById = actorId,
            ConsentGivenBy = by,
            ConsentGuardians = by == ConsentGivenBy.Guardians ? guardians : null,
            ConsentGivenOn = givenOn,
            ConsentRecordedAt = now,
            NextReviewOn = DateOnly.FromDateTime(now).AddMonths(3),
        };
        referral.Status = CareReferralStatus.PlanOpened;
        referral.SettledAt = now;
        return (plan, null);
    }

    /// <summary>Withdrawal of consent ends the plan at once; what was recorded stays until the retention deadline.</summary>
    public DomainError? WithdrawConsent(DateOnly withdrawnOn, string? note, DateTime now, TimeSpan retention)
    {
        if (!IsOpen)
        {
            return new CarePlanNotActive();
        }

        if (note is { Length: > MaxNoteLength })
        {
            return new CareTextTooLong(MaxNoteLength);
        }

        if (withdrawnOn > DateOnly.FromDateTime(now) || withdrawnOn < ConsentGivenOn)
        {
            return new CareDateOutOfRange();
        }

        Status = CarePlanStatus.ConsentWithdrawn;
        ConsentWithdrawnOn = withdrawnOn;
        ConsentWithdrawalNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Outcome = CareOutcome.ConsentWithdrawn;
        ClosedAt = now;
        NextReviewOn = null;
        RetainUntil = now + retention;
        return null;
    }

    public DomainError? Close(CareOutcome outcome, string? note, DateTime now, TimeSpan retention)
    {
        if (!IsOpen)
        {
            return new CarePlanNotActive();
        }

        if (outcome == CareOutcome.ConsentWithdrawn)
        {
            return new CareUseWithdrawal();
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (outcome == CareOutcome.Other && note is null)
        {
            return new CareNoteRequired();
        }

        if (note is { Length: > MaxNoteLength })
        {
            return new CareTextTooLong(MaxNoteLength);
        }

        Status = CarePlanStatus.Closed;
        Outcome = outcome;
        OutcomeNote = note;
        ClosedAt = now;
        NextReviewOn = null;
        RetainUntil = now + retention;
        return null;
    }
}

public enum CareGoalStatus
{
    Open = 1,
    Achieved = 2,
    Dropped = 3,
}

public sealed class CareGoal : IVersioned
{
    public const int MaxTextLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PlanId { get; init; }

    public required string TerritoryCode { get; init; }

    public required string Text { get; set; }

    public CareGoalStatus Status { get; set; } = CareGoalStatus.Open;

    public DateTime CreatedAt { get; init; }

    public DateTime? SettledAt { get; set; }

    public int Version { get; set; }
}

public enum InterventionType
{
    Psychological = 1,
    Educational = 2,
    SocialFamily = 3,
    Employment = 4,
    Housing = 5,
    Health = 6,

    /// <summary>Mediation on religious knowledge (a service offered, never a record of the person's belief).</summary>
    ReligiousMediation = 7,
}

public sealed class CareIntervention : IVersioned
{
    public const int MaxProviderLength = 200;
    public const int MaxNoteLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PlanId { get; init; }

    public required string TerritoryCode { get; init; }

    public InterventionType Type { get; init; }

    /// <summary>Who provides it (a service, an association, a named professional).</summary>
    public required string Provider { get; set; }

    public DateOnly StartedOn { get; init; }

    public DateOnly? EndedOn { get; set; }

    public string? Note { get; set; }

    public int Version { get; set; }
}

public enum CareSessionKind
{
    /// <summary>A session with the person.</summary>
    Session = 1,

    /// <summary>A contact (phone call, message, a missed appointment noted).</summary>
    Contact = 2,

    /// <summary>A family-support session, with family members of the plan.</summary>
    FamilySupport = 3,
}

/// <summary>A session or contact logged on the plan. Its note is not a health note (those are <see cref="HealthNote"/>).</summary>
public sealed class CareSession
{
    public const int MaxNoteLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PlanId { get; init; }

    public required string TerritoryCode { get; init; }

    public Guid? InterventionId { get; init; }

    public CareSessionKind Kind { get; init; }

    public DateTime At { get; init; }

    public int? DurationMinutes { get; init; }

    /// <summary>Ids of the plan's family members present (family-support sessions), comma-separated.</summary>
    public string? FamilyMemberIds { get; init; }

    public string? Note { get; init; }

    public required string RecordedById { get; init; }

    public DateTime RecordedAt { get; init; }
}

public enum FamilyRelationship
{
    Mother = 1,
    Father = 2,
    Guardian = 3,
    Sibling = 4,
    Partner = 5,
    Grandparent = 6,
    Other = 7,
}

public sealed class CareFamilyMember : IVersioned
{
    public const int MaxNameLength = 200;
    public const int MaxContactLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PlanId { get; init; }

    public required string TerritoryCode { get; init; }

    public FamilyRelationship Relationship { get; set; }

    public required string Name { get; set; }

    public string? Contact { get; set; }

    /// <summary>Still involved in the plan (members are never deleted, only marked no longer involved).</summary>
    public bool Involved { get; set; } = true;

    public int Version { get; set; }
}

/// <summary>A periodic progress review of the plan; it may rewrite the summary the panel reads.</summary>
public sealed class CareProgressReview
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid PlanId { get; init; }

    public required string TerritoryCode { get; init; }

    public DateOnly HeldOn { get; init; }

    public required string Progress { get; init; }

    public DateOnly? NextReviewOn { get; init; }

    public required string RecordedById { get; init; }

    public DateTime RecordedAt { get; init; }
}

/// <summary>
/// A health note (psychological or medical), readable and writable by clinicians only (a separate table with
/// its own query filter). It belongs to a care plan or to a returning minor's protocol.
/// </summary>
public sealed class HealthNote
{
    public const int MaxTextLength = 8000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TerritoryCode { get; init; }

    public Guid? PlanId { get; init; }

    public Guid? MinorId { get; init; }

    public DateTime At { get; init; }

    public required string Text { get; init; }

    public required string AuthorId { get; init; }

    public required string AuthorName { get; init; }
}

public sealed record CareReferralNotWaiting() : DomainError("care.referral-not-waiting");

public sealed record CareConsentRequired() : DomainError("care.consent-required");

public sealed record CareGuardiansConsentRequired() : DomainError("care.guardians-consent-required");

public sealed record CareDateOutOfRange() : DomainError("care.date-out-of-range");

public sealed record CarePlanNotActive() : DomainError("care.plan-not-active");

public sealed record CareUseWithdrawal() : DomainError("care.use-withdrawal");

public sealed record CareNoteRequired() : DomainError("care.note-required");

public sealed record CareTextTooLong(int Max) : DomainError("care.text-too-long");
