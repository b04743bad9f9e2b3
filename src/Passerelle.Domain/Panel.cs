namespace Passerelle.Domain;

/// <summary>What a member does in the département's assessment panel (GED).</summary>
public enum PanelFunction
{
    Member = 1,

    /// <summary>The prefect (or the prefect's representative) who chairs the panel.</summary>
    Chair = 2,

    /// <summary>Chairs in the chair's absence; a meeting with the chair or a delegate may record decisions.</summary>
    ChairDelegate = 3,

    /// <summary>The public prosecutor, who co-chairs (DESIGN.md: "chaired by prefect and prosecutor").</summary>
    Prosecutor = 4,
}

/// <summary>The services a panel member represents (reference codes; labels are in the texts).</summary>
public static class PanelServices
{
    public static readonly IReadOnlyList<string> All =
    [
        "prefecture", "parquet", "police", "gendarmerie", "renseignement", "education", "sante", "social", "spip", "pjj", "other",
    ];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}

/// <summary>A member of a département's panel: a person and the service they represent (a panel is one per département).</summary>
public sealed class PanelMember : IVersioned
{
    public const int MaxNameLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TerritoryCode { get; init; }

    public required string Name { get; set; }

    /// <summary>A code of <see cref="PanelServices"/>.</summary>
    public required string Service { get; set; }

    public PanelFunction Function { get; set; } = PanelFunction.Member;

    /// <summary>Where the daily digest of overdue reviews is sent (no personal data in it).</summary>
    public string? Email { get; set; }

    /// <summary>The Passerelle account of this member, when they have one (used to check who chairs).</summary>
    public string? UserId { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public bool CanChair => Function is PanelFunction.Chair or PanelFunction.ChairDelegate;
}

public enum MeetingStatus
{
    /// <summary>Scheduled: the agenda is built and members reorder or add items.</summary>
    Scheduled = 1,

    /// <summary>In session: attendance taken, items discussed in turn, decisions recorded.</summary>
    InSession = 2,

    /// <summary>Ended; the minutes wait for the chair's validation.</summary>
    Ended = 3,

    /// <summary>The chair validated the minutes: decisions and minutes are locked; a correction is a new, linked entry.</summary>
    Validated = 4,
}

/// <summary>A meeting of a département's panel.</summary>
public sealed class PanelMeeting : IVersioned
{
    public const int MaxLocationLength = 200;
    public const int MaxNotesLength = 8000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TerritoryCode { get; init; }

    public DateTime ScheduledAt { get; set; }

    public string? Location { get; set; }

    public MeetingStatus Status { get; set; } = MeetingStatus.Scheduled;

    public required string CreatedById { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>General remarks of the minutes (beyond attendance and decisions).</summary>
    public string? MinutesNotes { get; set; }

    public DateTime? ValidatedAt { get; set; }

    public string? ValidatedById { get; set; }

    public int Version { get; set; }

    public bool IsLocked => Status == MeetingStatus.Validated;

    public List<AgendaItem> Agenda { get; init; } = [];

    public List<MeetingAttendance> Attendance { get; init; } = [];
}

public enum AgendaItemKind
{
    /// <summary>A report newly taken in charge: its case has had no panel decision yet.</summary>
    NewCase = 1,

    /// <summary>A case whose next review date is due or past.</summary>
    ReviewDue = 2,

    /// <summary>A case a member asked to discuss.</summary>
    MemberRequest = 3,

    /// <summary>A transfer from another département waiting for this panel's acceptance.</summary>
    TransferIn = 4,

    /// <summary>A case of a review campaign still to review.</summary>
    Campaign = 5,

    /// <summary>Any other matter (no case).</summary>
    Other = 6,
}

public enum AgendaItemState
{
    Pending = 1,
    Discussed = 2,
    Deferred = 3,
}

/// <summary>One line of a meeting's agenda, in <see cref="Position"/> order.</summary>
public sealed class AgendaItem : IVersioned
{
    public const int MaxNoteLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MeetingId { get; init; }

    public required string TerritoryCode { get; init; }

    public int Position { get; set; }

    public AgendaItemKind Kind { get; init; }

    public Guid? CaseId { get; init; }

    public Guid? TransferId { get; init; }

    /// <summary>Why it is on the agenda (a member's request, the subject of an "other" item).</summary>
    public string? Note { get; set; }

    public required string AddedById { get; init; }

    public AgendaItemState State { get; set; } = AgendaItemState.Pending;

    public int Version { get; set; }
}

/// <summary>Whether a member attended a meeting (one row per member of the panel, taken at the start).</summary>
public sealed class MeetingAttendance
{
    public Guid MeetingId { get; init; }

    public Guid MemberId { get; init; }

    public required string TerritoryCode { get; init; }

    public bool Present { get; set; }

    /// <summary>Copied from the member at the meeting, so the minutes keep who chaired even if functions change later.</summary>
    public PanelFunction Function { get; set; }

    public required string MemberName { get; set; }

    public required string Service { get; set; }
}

/// <summary>A follow-up action agreed in a meeting, with its owner and due date.</summary>
public sealed class MeetingFollowUp : IVersioned
{
    public const int MaxActionLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MeetingId { get; init; }

    public required string TerritoryCode { get; init; }

    public Guid? CaseId { get; init; }

    public required string Action { get; set; }

    /// <summary>The member who owns it.</summary>
    public Guid OwnerMemberId { get; set; }

    public DateOnly DueOn { get; set; }

    public DateTime? DoneAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A correction to validated minutes: the minutes themselves never change once validated; the
/// correction is a new entry linked to the meeting (and to the decision it corrects, if any).
/// </summary>
public sealed class MinutesCorrection
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MeetingId { get; init; }

    public required string TerritoryCode { get; init; }

    public Guid? DecisionId { get; init; }

    public required string Text { get; init; }

    public required string ById { get; init; }

    public DateTime At { get; init; }
}
