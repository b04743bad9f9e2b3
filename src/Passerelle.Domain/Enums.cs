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
}
