namespace Passerelle.Domain;

/// <summary>
/// A review campaign: every case in its scope must be reviewed by its panel before the deadline
/// (e.g. after an attack, the ministry orders every panel to re-examine every followed case).
/// National (every département) or departmental.
/// </summary>
public sealed class ReviewCampaign : IVersioned
{
    public const int MaxTitleLength = 200;
    public const int MaxInstructionsLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Title { get; set; }

    public string? Instructions { get; set; }

    /// <summary>Null for a national campaign; a département's code otherwise.</summary>
    public string? TerritoryCode { get; init; }

    /// <summary>The case statuses in scope, comma-separated (e.g. "Followed" or "UnderAssessment,Followed").</summary>
    public required string ScopeStatuses { get; init; }

    public DateOnly Deadline { get; set; }

    public DateTime CreatedAt { get; init; }

    public required string CreatedById { get; init; }

    public DateTime? ClosedAt { get; set; }

    public int Version { get; set; }

    public bool IsNational => TerritoryCode is null;
}

/// <summary>One case a campaign requires to be reviewed (created when the campaign starts, from its scope).</summary>
public sealed class CampaignCase
{
    public Guid CampaignId { get; init; }

    public Guid CaseId { get; init; }

    /// <summary>The case's département when the campaign started (moved with the case on a transfer).</summary>
    public required string TerritoryCode { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? ReviewedById { get; set; }
}

/// <summary>The daily digest of a panel, sent once per day and département (the row makes "once" hold across instances).</summary>
public sealed class PanelDigest
{
    public required string TerritoryCode { get; init; }

    public DateOnly Day { get; init; }

    public DateTime SentAt { get; init; }

    public int OverdueCount { get; init; }
}
