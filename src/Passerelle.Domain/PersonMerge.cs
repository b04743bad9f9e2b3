namespace Passerelle.Domain;

/// <summary>
/// A data steward's decision that two persons of the register are one: the merged person's
/// reports and cases move to the survivor. Everything moved is listed, so that the merge can be
/// undone exactly (<see cref="UndoneAt"/>); a merge is never deleted.
/// </summary>
public sealed class PersonMerge : IVersioned
{
    public const int MaxReasonLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Territory of the survivor (the query filter reads it).</summary>
    public required string TerritoryCode { get; init; }

    /// <summary>Territory of the merged person: the steward must cover both.</summary>
    public required string MergedTerritoryCode { get; init; }

    public Guid SurvivorId { get; init; }

    public Guid MergedId { get; init; }

    /// <summary>Ids of the cases moved to the survivor, comma-separated.</summary>
    public string MovedCaseIds { get; init; } = string.Empty;

    /// <summary>Ids of the reports moved to the survivor, comma-separated.</summary>
    public string MovedReportIds { get; init; } = string.Empty;

    /// <summary>Match probability the engine gave the pair when the steward decided (information only).</summary>
    public double? Probability { get; init; }

    public required string Reason { get; init; }

    public DateTime MergedAt { get; init; }

    public required string MergedById { get; init; }

    public DateTime? UndoneAt { get; set; }

    public string? UndoneById { get; set; }

    public string? UndoReason { get; set; }

    public int Version { get; set; }

    public bool IsActive => UndoneAt is null;

    public static IReadOnlyList<Guid> ParseIds(string ids) =>
        [.. ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];

    public static string FormatIds(IEnumerable<Guid> ids) => string.Join(',', ids);
}
