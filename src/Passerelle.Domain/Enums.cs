namespace Passerelle.Domain;

public enum Sex
{
    Unknown = 0,
    Female = 1,
    Male = 2,
}

public enum ReportSource
{
    Hotline = 1,
    PublicForm = 2,
    Professional = 3,
    Agency = 4,
    Panel = 5,
}

public enum Urgency
{
    Routine = 1,
    Priority = 2,
    Urgent = 3,

    /// <summary>Imminent danger to life: emergency services now, and an alert to the département's duty contact.</summary>
    Imminent = 4,
}

/// <summary>Where a report stands in its destination's triage queue (what a partner sees of it, and no more).</summary>
public enum ReportStatus
{
    /// <summary>Waiting in the triage queue of its département's panel.</summary>
    Received = 1,

    /// <summary>A panel member attached it to a person of the register (existing or new).</summary>
    TakenInCharge = 2,

    /// <summary>Closed without follow-up, with a reason; a short retention applies.</summary>
    NotPursued = 3,
}

public enum CaseStatus
{
    Reported = 1,
    UnderAssessment = 2,
    Followed = 3,
    Closed = 4,
    Archived = 5,
}

public enum CaseEventKind
{
    Opened = 1,
    ReportAttached = 2,
    StatusChanged = 3,

    /// <summary>A panel decision in force was applied (follow-up, referral, closure).</summary>
    DecisionApplied = 4,

    /// <summary>A closure or transfer was proposed and waits for the chair (nothing changed yet).</summary>
    DecisionProposed = 5,

    /// <summary>The chair refused a proposed closure or transfer.</summary>
    DecisionRejected = 6,

    TransferRequested = 7,

    TransferAccepted = 8,

    TransferRefused = 9,

    AssessmentRecorded = 10,

    /// <summary>A review kept the follow-up and set the next review date (routine or campaign).</summary>
    ReviewRecorded = 11,

    /// <summary>A member asked the panel to discuss the case at a meeting.</summary>
    DiscussionRequested = 12,
}
