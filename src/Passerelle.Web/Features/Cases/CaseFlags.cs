using Passerelle.Domain;

namespace Passerelle.Web.Features.Cases;

/// <summary>
/// The care and programme flags of a case. Per the compartment rule (DESIGN.md, red line 3) the register shows
/// only a flag ("oriented to the CPRAF on …"), never the care or programme content. For now the flags come from
/// the panel's own decisions referring the case (its timeline). Issue 6 adds the care plans' and programmes'
/// statuses: add their flags here, next to <see cref="FromDecisions"/>, so the case page and the API show them.
/// </summary>
internal static class CaseFlags
{
    public enum Kind
    {
        Care,
        Programme,
    }

    /// <param name="Since">When the referral took effect.</param>
    /// <param name="Current">True while that referral is the case's last decision in force.</param>
    public sealed record Flag(Kind Kind, DateTime Since, bool Current);

    /// <summary>The latest referral to the CPRAF and to the programme, from the decisions applied to the case.</summary>
    public static IReadOnlyList<Flag> FromDecisions(IEnumerable<CaseEvent> events)
    {
        var applied = events.Where(e => e.Kind == CaseEventKind.DecisionApplied).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var last = applied.LastOrDefault()?.Detail;
        var flags = new List<Flag>();
        foreach (var (kind, type) in new[] { (Kind.Care, DecisionType.ReferCare), (Kind.Programme, DecisionType.ReferProgramme) })
        {
            var code = type.ToString();
            if (applied.LastOrDefault(e => e.Detail == code) is { } referral)
            {
                flags.Add(new Flag(kind, referral.At, last == code));
            }
        }

        return flags;
    }
}
