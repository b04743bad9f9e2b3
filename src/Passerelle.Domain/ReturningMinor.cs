namespace Passerelle.Domain;

public enum MinorProtocolStatus
{
    Active = 1,

    /// <summary>The protocol ended (majority, left the territory, measure lifted by the judge…), with a reason.</summary>
    Ended = 2,
}

public enum ProtectionMeasure
{
    /// <summary>No measure ordered yet.</summary>
    None = 1,

    /// <summary>Educational assistance in the family (AEMO).</summary>
    EducationalAssistance = 2,

    /// <summary>Placement with child welfare (ASE): foster family or home.</summary>
    Placement = 3,

    /// <summary>Delegation of parental authority or guardianship (tutelle).</summary>
    Guardianship = 4,

    Other = 5,
}

public enum HealthAssessmentState
{
    NotDone = 1,
    Scheduled = 2,
    Done = 3,
}

public enum SchoolingState
{
    NotYetEnrolled = 1,
    Nursery = 2,
    Primary = 3,
    Secondary = 4,
    Vocational = 5,
    Specialised = 6,
    NotSchooled = 7,
}

/// <summary>
/// The protocol for a minor returning from a zone held by terrorist groups (MRZOGT), in the register
/// compartment: the panel opens it on the child's case and sees its mandatory reviews as due or overdue.
/// The health and psychological assessment's details are clinicians' <see cref="HealthNote"/>s; the protocol
/// holds only its state and a non-clinical summary.
/// </summary>
public sealed class ReturningMinor : IVersioned
{
    public const int MaxTextLength = 4000;
    public const int MaxShortLength = 300;
    public const int MinIntervalMonths = 1;
    public const int MaxIntervalMonths = 6;

    /// <summary>The age of majority (Code civil, art. 414): the protocol applies to children under it.</summary>
    public const int MajorityAge = 18;

    /// <summary>How far ahead a review may set the next one, in months from the review's date.</summary>
    public const int MaxNextReviewMonths = 12;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TerritoryCode { get; set; }

    public Guid CaseId { get; init; }

    public Guid PersonId { get; init; }

    /// <summary>Name and year of birth, for the clinicians who do not read the register.</summary>
    public required string PersonLabel { get; init; }

    public DateOnly ReturnedOn { get; set; }

    /// <summary>Who holds parental authority or guardianship (names and capacity).</summary>
    public string? Guardianship { get; set; }

    public ProtectionMeasure Measure { get; set; } = ProtectionMeasure.None;

    public string? MeasureDetail { get; set; }

    public DateOnly? MeasureOrderedOn { get; set; }

    public HealthAssessmentState HealthAssessment { get; set; } = HealthAssessmentState.NotDone;

    public DateOnly? HealthAssessmentOn { get; set; }

    /// <summary>A non-clinical line for the panel ("assessment done, follow-up in place at …").</summary>
    public string? HealthSummary { get; set; }

    public SchoolingState Schooling { get; set; } = SchoolingState.NotYetEnrolled;

    public string? SchoolingDetail { get; set; }

    public string? FamilySituation { get; set; }

    /// <summary>The multi-agency plan: who does what (child welfare, education, health, PJJ, the CPRAF).</summary>
    public string? MultiAgencyPlan { get; set; }

    /// <summary>Interval between mandatory reviews, in months (configuration default: quarterly).</summary>
    public int ReviewIntervalMonths { get; set; }

    public DateOnly NextReviewOn { get; set; }

    public MinorProtocolStatus Status { get; set; } = MinorProtocolStatus.Active;

    public DateOnly? EndedOn { get; set; }

    public string? EndReason { get; set; }

    public DateTime OpenedAt { get; init; }

    public required string OpenedById { get; init; }

    public int Version { get; set; }

    public bool IsReviewDue(DateOnly today) => Status == MinorProtocolStatus.Active && NextReviewOn <= today;

    /// <summary>
    /// True when a person born on <paramref name="dateOfBirth"/> may be under 18 on <paramref name="on"/>. A partial
    /// date of birth (year, or year and month) is read at its latest possible day, so a child is never refused the
    /// protocol for a part of the date nobody knows; an unknown date of birth gives false (it must be recorded first).
    /// </summary>
    public static bool CouldBeMinorOn(PartialDate? dateOfBirth, DateOnly on)
    {
        if (dateOfBirth is not { } dob)
        {
            return false;
        }

        var month = dob.Month ?? 12;
        var latest = new DateOnly(dob.Year, month, dob.Day ?? DateTime.DaysInMonth(dob.Year, month));
        return on < latest.AddYears(MajorityAge);
    }

    /// <summary>The first mandatory review: the return date (or the opening day, when the return is older) plus the interval.</summary>
    public static DateOnly FirstReviewOn(DateOnly returnedOn, DateOnly openedOn, int intervalMonths) =>
        (returnedOn > openedOn ? returnedOn : openedOn).AddMonths(intervalMonths);

    /// <summary>Whole days since the review fell due (0 when it is not overdue, or the protocol ended).</summary>
    public int DaysOverdue(DateOnly today) =>
        Status == MinorProtocolStatus.Active && NextReviewOn < today ? today.DayNumber - NextReviewOn.DayNumber : 0;

    /// <summary>An active protocol whose next review falls between today and <paramref name="withinDays"/> days ahead.</summary>
    public bool IsReviewComing(DateOnly today, int withinDays) =>
        Status == MinorProtocolStatus.Active && NextReviewOn >= today && NextReviewOn <= today.AddDays(withinDays);

    /// <summary>
    /// Records a mandatory review held on <paramref name="heldOn"/> (not in the future, not before the protocol was
    /// opened) and sets the next one (after today and after the review, at most 12 months after the review).
    /// </summary>
    public (MinorReview? Review, DomainError? Error) RecordReview(DateOnly heldOn, string attendees, string summary, DateOnly nextReviewOn, string actorId, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        if (Status != MinorProtocolStatus.Active)
        {
            return (null, new MinorProtocolNotActive());
        }

        if (heldOn > today)
        {
            return (null, new MinorDateInFuture());
        }

        if (heldOn < DateOnly.FromDateTime(OpenedAt))
        {
            return (null, new MinorDateBeforeOpening());
        }

        if (nextReviewOn <= today || nextReviewOn <= heldOn)
        {
            return (null, new MinorNextReviewNotInFuture());
        }

        if (nextReviewOn > heldOn.AddMonths(MaxNextReviewMonths))
        {
            return (null, new MinorNextReviewTooFar(MaxNextReviewMonths));
        }

        NextReviewOn = nextReviewOn;
        return (new MinorReview
        {
            MinorId = Id,
            TerritoryCode = TerritoryCode,
            HeldOn = heldOn,
            Attendees = attendees,
            Summary = summary,
            NextReviewOn = nextReviewOn,
            RecordedById = actorId,
            RecordedAt = now,
        }, null);
    }

    /// <summary>Ends the protocol on <paramref name="endedOn"/> (not in the future, not before it was opened) with a reason.</summary>
    public DomainError? End(DateOnly endedOn, string reason, DateTime now)
    {
        if (Status != MinorProtocolStatus.Active)
        {
            return new MinorProtocolNotActive();
        }

        if (endedOn > DateOnly.FromDateTime(now))
        {
            return new MinorDateInFuture();
        }

        if (endedOn < DateOnly.FromDateTime(OpenedAt))
        {
            return new MinorDateBeforeOpening();
        }

        Status = MinorProtocolStatus.Ended;
        EndedOn = endedOn;
        EndReason = reason;
        return null;
    }
}

public sealed record MinorProtocolNotActive() : DomainError("minors.not-active");

public sealed record MinorDateInFuture() : DomainError("minors.date-in-future");

public sealed record MinorDateBeforeOpening() : DomainError("minors.date-before-opening");

public sealed record MinorNextReviewNotInFuture() : DomainError("minors.next-review-not-future");

public sealed record MinorNextReviewTooFar(int Max) : DomainError("minors.next-review-too-far");

/// <summary>A mandatory review of a returning minor's protocol; it sets the next review.</summary>
public sealed class MinorReview
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MinorId { get; init; }

    public required string TerritoryCode { get; set; }

    public DateOnly HeldOn { get; init; }

    /// <summary>The services present (free text: ASE, Éducation nationale, PJJ, CPRAF…).</summary>
    public required string Attendees { get; init; }

    public required string Summary { get; init; }

    public DateOnly NextReviewOn { get; init; }

    public required string RecordedById { get; init; }

    public DateTime RecordedAt { get; init; }
}
