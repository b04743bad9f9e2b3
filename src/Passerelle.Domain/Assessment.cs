namespace Passerelle.Domain;

public enum GridStatus
{
    /// <summary>Being written by an administrator; not offered to assessors.</summary>
    Draft = 1,

    /// <summary>Offered to assessors; its items never change (a change is a new edition).</summary>
    Published = 2,

    /// <summary>Replaced by a newer edition; assessments made with it keep pointing to it.</summary>
    Retired = 3,
}

/// <summary>
/// A structured professional-judgement grid (reference data): items grouped in domains. Each edition
/// is immutable once published; editing a published grid makes a new edition with the same
/// <see cref="Code"/>, so successive assessments compare item by item through the items' codes.
/// </summary>
public sealed class AssessmentGrid : IVersioned
{
    public const int MaxNameLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Stable code shared by the editions of one grid.</summary>
    public required string Code { get; init; }

    /// <summary>1, 2, 3… per <see cref="Code"/>.</summary>
    public int Edition { get; init; }

    public required string NameFr { get; set; }

    public required string NameEn { get; set; }

    public GridStatus Status { get; set; } = GridStatus.Draft;

    public DateTime CreatedAt { get; init; }

    public DateTime? PublishedAt { get; set; }

    public int Version { get; set; }

    public List<AssessmentGridItem> Items { get; init; } = [];
}

/// <summary>One item of a grid, in a domain (e.g. engagement, intent, capability).</summary>
public sealed class AssessmentGridItem
{
    public const int MaxLabelLength = 500;
    public const int MaxGuidanceLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid GridId { get; init; }

    /// <summary>Stable code of the domain ("engagement").</summary>
    public required string DomainCode { get; set; }

    public required string DomainFr { get; set; }

    public required string DomainEn { get; set; }

    /// <summary>Stable code of the item across editions ("E1").</summary>
    public required string Code { get; set; }

    public required string LabelFr { get; set; }

    public required string LabelEn { get; set; }

    public string? GuidanceFr { get; set; }

    public string? GuidanceEn { get; set; }

    public int Position { get; set; }
}

/// <summary>An item's rating. Never a number: the ratings are not added up, ranked or weighed (red line 1).</summary>
public enum ItemRating
{
    Unknown = 0,
    Absent = 1,
    PartlyPresent = 2,
    Present = 3,
}

public enum AssessmentStatus
{
    /// <summary>A panel asked for it; no assessor has started.</summary>
    Requested = 1,

    Draft = 2,

    /// <summary>Signed by the assessor; it no longer changes.</summary>
    Completed = 3,
}

/// <summary>
/// A structured professional-judgement assessment of a person's case: each item's rating with its
/// evidence and source, and the assessor's overall narrative judgement. No total, no score.
/// </summary>
public sealed class Assessment : IVersioned
{
    public const int MaxNarrativeLength = 8000;
    public const int MaxRequestNoteLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CaseId { get; init; }

    public Guid PersonId { get; init; }

    public required string TerritoryCode { get; set; }

    public Guid GridId { get; init; }

    public AssessmentStatus Status { get; set; } = AssessmentStatus.Requested;

    public required string RequestedById { get; init; }

    public DateTime RequestedAt { get; init; }

    public string? RequestNote { get; init; }

    public string? AssessorId { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>The assessor's overall judgement, in words.</summary>
    public string? Narrative { get; set; }

    public int Version { get; set; }

    public List<AssessmentRating> Ratings { get; init; } = [];
}

public sealed class AssessmentRating
{
    public const int MaxEvidenceLength = 2000;
    public const int MaxSourceLength = 300;

    public Guid AssessmentId { get; init; }

    public Guid ItemId { get; init; }

    /// <summary>Copied from the item, to compare across editions.</summary>
    public required string ItemCode { get; init; }

    public required string TerritoryCode { get; set; }

    public ItemRating Rating { get; set; }

    public string? Evidence { get; set; }

    public string? Source { get; set; }
}
