using Passerelle.Domain;

namespace Passerelle.Web.Features.Hotline;

/// <summary>
/// The triage rules of the hotline (issue 4): from the facts the caller reports, the least urgency the report
/// must carry. They route a report; they never judge a person (DESIGN.md red line 1): each rule is a plain
/// "if this fact was reported, at least this urgency", there are no weights, no numbers and no totals, and a
/// person may always choose a higher urgency. The rules are shown on the console next to the urgency choice
/// (texts <c>hotline.rule.*</c>) and a lower choice is refused with a message naming the rule.
/// </summary>
internal static class UrgencyRules
{
    /// <summary>What the caller says of an immediate danger (not behaviours of the checklist: facts of the call).</summary>
    public static readonly IReadOnlyList<string> DangerSigns = ["life-threat", "act-announced"];

    /// <summary>One rule: these reported facts call for at least this urgency. The text key names the rule.</summary>
    public sealed record Rule(Urgency Urgency, string RuleKey, IReadOnlyList<string> Behaviours, IReadOnlyList<string> Signs);

    /// <summary>The rules, most urgent first.</summary>
    public static readonly IReadOnlyList<Rule> All =
    [
        // A threat to someone's life, or an act announced for the coming hours or days: emergency services now.
        new(Urgency.Imminent, "hotline.rule.imminent", [], DangerSigns),

        // Travel plans to a conflict zone, interest in weapons or explosives, threats.
        new(Urgency.Urgent, "hotline.rule.urgent", ["travel-plan", "weapons-interest", "threats"], []),

        // Justification of violence, violent propaganda, contacts with violent groups.
        new(Urgency.Priority, "hotline.rule.priority", ["violence-justification", "violent-propaganda", "violent-network-contact"], []),
    ];

    /// <summary>The result: the least urgency, and the rule that sets it (null when no rule applies: routine).</summary>
    public sealed record Minimum(Urgency Urgency, string? RuleKey);

    /// <summary>
    /// The least urgency the ticked behaviours and the danger signs call for: the first (most urgent) rule one of
    /// whose facts was reported; routine when none.
    /// </summary>
    public static Minimum MinimumFor(IEnumerable<string> behaviours, IEnumerable<string> dangerSigns)
    {
        var ticked = behaviours.ToHashSet(StringComparer.Ordinal);
        var signs = dangerSigns.ToHashSet(StringComparer.Ordinal);
        foreach (var rule in All)
        {
            if (rule.Behaviours.Any(ticked.Contains) || rule.Signs.Any(signs.Contains))
            {
                return new Minimum(rule.Urgency, rule.RuleKey);
            }
        }

        return new Minimum(Urgency.Routine, null);
    }
}
