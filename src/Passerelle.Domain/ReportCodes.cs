namespace Passerelle.Domain;

/// <summary>The caller's relation to the reported person, as the hotline records it.</summary>
public static class CallerRelations
{
    public static readonly IReadOnlyList<string> All =
    [
        "parent",
        "sibling",
        "partner",
        "other-relative",
        "friend",
        "neighbour",
        "professional",
        "self",
        "other",
    ];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}

/// <summary>The kinds of partner organisations that report weak signals.</summary>
public static class OrganisationTypes
{
    public static readonly IReadOnlyList<string> All =
    [
        "school",
        "local-government",
        "sport-club",
        "company",
        "association",
        "social-services",
        "health",
        "other",
    ];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}
