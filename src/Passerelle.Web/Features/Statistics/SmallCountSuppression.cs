namespace Passerelle.Web.Features.Statistics;

/// <summary>How a published count is hidden, if it is.</summary>
internal enum Suppression
{
    None = 0,

    /// <summary>Primary: a count from 1 to 4, shown as "&lt; 5" (statistical secrecy threshold).</summary>
    Small = 1,

    /// <summary>Secondary: a count of 5 or more hidden only so that a small count cannot be recomputed, shown as "s".</summary>
    Secondary = 2,
}

/// <summary>
/// Small-count suppression for the national analyst (aggregates only; DESIGN.md "Σ").
/// <para>
/// Primary rule: every count from 1 to <see cref="Threshold"/> − 1 (cells and totals alike) is hidden
/// and shown as "&lt; 5"; 0 stays 0 (an empty cell describes nobody).
/// </para>
/// <para>
/// Secondary rule (no trivial recomputation): every published table is a set of additive lines — a row
/// and its row total, a column and its column total, the totals row and the grand total. A line with
/// exactly one hidden member would give that member back by subtraction, so in such a line the smallest
/// other non-zero visible member (a cell before a total on a tie) is hidden too, shown as "s"; this is
/// repeated until no line has exactly one hidden member. Counts are identified by what they count
/// (door, month, département, urgency, status), not by where they are drawn, so a total shared by two
/// tables (a door's total, the grand total) is hidden in both or in neither: one table cannot undo
/// another's suppression.
/// </para>
/// <para>
/// Limit, stated: this prevents recomputation within one answer; comparing two answers for overlapping
/// periods or filters (differencing) is not prevented, as with any on-demand tabulation. The analyst
/// is a trusted national role; the rule keeps small counts out of what they copy into publications.
/// </para>
/// </summary>
internal sealed class SmallCountSuppression
{
    /// <summary>The usual French statistical-secrecy threshold for counts of people: under 5 is not published.</summary>
    public const int Threshold = 5;

    private readonly Dictionary<string, int> values = new(StringComparer.Ordinal);
    private readonly List<string[]> lines = [];
    private readonly Dictionary<string, Suppression> hidden = new(StringComparer.Ordinal);

    /// <summary>Declares a count (the same key may be declared by several tables; its value must agree).</summary>
    public void Count(string key, int value)
    {
        if (values.TryGetValue(key, out var existing) && existing != value)
        {
            throw new InvalidOperationException($"Count '{key}' declared with two values ({existing}, {value}).");
        }

        values[key] = value;
    }

    /// <summary>Declares an additive line: the sum of <paramref name="members"/> equals <paramref name="total"/>.</summary>
    public void Line(IEnumerable<string> members, string total) => lines.Add([.. members, total]);

    /// <summary>Applies both rules; afterwards <see cref="Of"/> tells how each count is shown.</summary>
    public void Apply()
    {
        foreach (var (key, value) in values)
        {
            if (value is > 0 and < Threshold)
            {
                hidden[key] = Suppression.Small;
            }
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                var distinct = line.Distinct(StringComparer.Ordinal).ToList();
                if (distinct.Count(hidden.ContainsKey) != 1)
                {
                    continue;
                }

                // The smallest visible non-zero member; on a tie the earlier one (cells come before the total).
                string? pick = null;
                foreach (var key in distinct)
                {
                    if (!hidden.ContainsKey(key) && values[key] > 0 && (pick is null || values[key] < values[pick]))
                    {
                        pick = key;
                    }
                }

                if (pick is not null)
                {
                    hidden[pick] = Suppression.Secondary;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    public Suppression Of(string key) => hidden.GetValueOrDefault(key);

    /// <summary>The cell as published: the value is withheld when hidden.</summary>
    public Cell Publish(string key) => hidden.TryGetValue(key, out var how) ? new Cell(null, how) : new Cell(values[key], Suppression.None);
}

/// <summary>A published count: <see cref="Value"/> is null when hidden (the true value never leaves the service).</summary>
internal sealed record Cell(int? Value, Suppression Suppression)
{
    public static Cell Exact(int value) => new(value, Suppression.None);
}
