namespace Passerelle.Domain;

/// <summary>
/// A referral to the Miviludes (sectarian drifts), sent by a member of the public through the
/// public form: a request for information or advice, or a report about a group or practice. The
/// Miviludes analysts (national) answer it with recommendations and victim-support associations of
/// the sender's region, and classify it by domain for the annual observation report.
/// </summary>
public sealed class SectarianReferral : IVersioned
{
    public const int MaxTextLength = 10_000;
    public const int MaxAnswerLength = 10_000;
    public const int MaxGroupLength = 300;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>MIV-year-8 characters (<see cref="Receipts"/>).</summary>
    public required string Receipt { get; init; }

    public SectarianRequestKind Kind { get; init; }

    /// <summary>The group, movement or practice concerned, as the sender names it.</summary>
    public string? GroupOrPractice { get; init; }

    /// <summary>The sender's relation to the person concerned (<see cref="CallerRelations"/>).</summary>
    public string? SenderRelation { get; init; }

    /// <summary>Codes of <see cref="SectarianCriteria.All"/>, comma-separated.</summary>
    public string Criteria { get; init; } = string.Empty;

    public required string Narrative { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    /// <summary>The sender's region (a <see cref="Territory.Region"/>), used to suggest associations.</summary>
    public string? Region { get; init; }

    public DateTime ReceivedAt { get; init; }

    public SectarianReferralStatus Status { get; set; } = SectarianReferralStatus.Received;

    /// <summary>The classification by domain (<see cref="SectarianDomains.All"/>), set by an analyst.</summary>
    public string? Domain { get; set; }

    public string? Answer { get; set; }

    /// <summary>Why a referral was closed without an answer (no way to answer, duplicate…).</summary>
    public string? ClosedReason { get; set; }

    /// <summary>Ids of the <see cref="SupportAssociation"/>s recommended, comma-separated.</summary>
    public string RecommendedAssociationIds { get; set; } = string.Empty;

    public DateTime? AnsweredAt { get; set; }

    public string? AnsweredById { get; set; }

    /// <summary>Retention deadline (red line 5), set when answered or closed.</summary>
    public DateTime? RetainUntil { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<string> CriteriaCodes =>
        Criteria.Length == 0 ? [] : Criteria.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public enum SectarianRequestKind
{
    /// <summary>A request for information or advice.</summary>
    Information = 1,

    /// <summary>A report of a situation.</summary>
    Report = 2,
}

public enum SectarianReferralStatus
{
    Received = 1,
    Answered = 2,
    Closed = 3,
}

/// <summary>The alert criteria of the Miviludes checklist (facts about behaviour, never about belief).</summary>
public static class SectarianCriteria
{
    public static readonly IReadOnlyList<string> All =
    [
        "family-separation",
        "isolation",
        "destabilisation",
        "unconditional-commitment",
        "children-indoctrination",
        "financial-demands",
        "refusal-of-care",
        "other",
    ];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}

/// <summary>The domains of the Miviludes annual observation report.</summary>
public static class SectarianDomains
{
    public static readonly IReadOnlyList<string> All =
    [
        "health-wellness",
        "religion",
        "education",
        "training",
        "coaching",
        "culture-arts",
        "economy",
        "other",
    ];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}

/// <summary>A victim-support association (Unadfi, CCMM, Gempi, Caffes, CLPS…), reference data editable by analysts.</summary>
public sealed class SupportAssociation : IVersioned
{
    public const int MaxNameLength = 200;
    public const int MaxContactLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The region it serves; null for a national association.</summary>
    public string? Region { get; set; }

    /// <summary>How to reach it: phone, address, website.</summary>
    public required string Contact { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }
}
