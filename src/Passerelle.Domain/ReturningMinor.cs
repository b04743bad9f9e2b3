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
}

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
