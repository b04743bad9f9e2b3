namespace Passerelle.Domain;

/// <summary>
/// The checklist of observed behaviours a report may tick. Only behaviours: by DESIGN.md red line 2,
/// nothing here describes origin or belief, and the list is never added up into a score (red line 1).
/// </summary>
public static class Behaviours
{
    public static readonly IReadOnlyList<string> All =
    [
        "family-rupture",
        "school-work-dropout",
        "isolation",
        "violence-justification",
        "violent-propaganda",
        "travel-plan",
        "weapons-interest",
        "threats",
        "violent-network-contact",
        "other",
    ];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}
