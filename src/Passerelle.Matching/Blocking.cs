using System.Globalization;

namespace Passerelle.Matching;

/// <summary>
/// Blocking: each record emits several keys and two records are compared when they share at
/// least one key (the rules are OR-ed). Each rule survives a different kind of error: a name
/// typo is caught by the date and postcode keys, a date typo by the name keys, swapped names by
/// the order-free name key.
/// </summary>
internal static class Blocking
{
    /// <summary>Blocks bigger than this are skipped: a key shared by that many records carries no signal.</summary>
    public const int MaxBlockSize = 2000;

    public static IEnumerable<string> Keys(PreparedRecord r)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var year = r.DateOfBirth?.Year.ToString(CultureInfo.InvariantCulture);
        var given = r.Given.Keys;
        var surname = r.Surname.Keys;
        foreach (var g in given)
        {
            foreach (var s in surname)
                keys.Add(string.CompareOrdinal(g, s) <= 0 ? $"n:{g}|{s}" : $"n:{s}|{g}"); // order-free: swapped names meet
            if (year is not null) keys.Add($"gy:{g}|{year}");
            if (r.Postcode.Length > 0) keys.Add($"gp:{g}|{r.Postcode}");
        }
        foreach (var s in surname)
        {
            if (year is not null) keys.Add($"sy:{s}|{year}");
            if (r.Postcode.Length > 0) keys.Add($"sp:{s}|{r.Postcode}");
            // Swapped names with a year: the surname key may sit in the other's given-name slot.
            if (year is not null) keys.Add($"gy:{s}|{year}");
        }
        // A record with one name missing: that name's key alone, given and surname in one
        // namespace (also catches it written in the other slot). Oversized blocks are skipped.
        if (given.Length == 0 || surname.Length == 0)
            foreach (var k in given.Concat(surname)) keys.Add($"t:{k}");
        // One name replaced or mistyped beyond its key and the date wrong too: the other name
        // with the first address word, or with the birth month.
        var firstWord = r.AddressTokens.FirstOrDefault(t => t.Length >= 3 && !t.All(char.IsAsciiDigit));
        foreach (var k in given.Concat(surname))
        {
            if (firstWord is not null) keys.Add($"tw:{k}|{firstWord}");
            if (r.DateOfBirth?.Month is { } month) keys.Add($"tm:{k}|{month}");
        }
        // Typos past the third letter in both names: order-free pair of three-letter prefixes.
        if (r.Given.Compact.Length >= 2 && r.Surname.Compact.Length >= 2)
        {
            var g3 = r.Given.Compact[..Math.Min(3, r.Given.Compact.Length)];
            var s3 = r.Surname.Compact[..Math.Min(3, r.Surname.Compact.Length)];
            keys.Add(string.CompareOrdinal(g3, s3) <= 0 ? $"p3:{g3}|{s3}" : $"p3:{s3}|{g3}");
        }
        // Household keys: a record whose names were both mistyped still shares its address.
        var words = r.AddressTokens.Where(t => t.Length >= 3 && !t.All(char.IsAsciiDigit)).Take(2).ToArray();
        if (words.Length > 0 && r.Postcode.Length > 0) keys.Add($"pa:{r.Postcode}|{words[0]}");
        if (words.Length > 1) keys.Add($"aa:{words[0]}|{words[1]}");
        var number = r.AddressTokens.FirstOrDefault(t => t.All(char.IsAsciiDigit));
        if (number is not null && r.Postcode.Length > 0) keys.Add($"sn:{number}|{r.Postcode}");
        foreach (var name in new[] { r.Given, r.Surname })
            if (name.Compact.Length >= 3 && r.Postcode.Length > 0) keys.Add($"x3:{name.Compact[..3]}|{r.Postcode}");
        if (year is not null)
        {
            // Both names mangled but the year kept: year plus the start of the address (a town
            // name in many files).
            if (r.AddressCompact.Length >= 4) keys.Add($"ya:{year}|{r.AddressCompact[..4]}");
        }
        if (r.DateOfBirth is { IsComplete: true } d)
        {
            keys.Add(string.Create(CultureInfo.InvariantCulture, $"d:{d.Year}{d.Month:D2}{d.Day:D2}"));
            // Year typos and day/month swaps: month-day set plus the first letter of either name.
            var md = d.Month < d.Day ? $"{d.Month}-{d.Day}" : $"{d.Day}-{d.Month}";
            foreach (var name in new[] { r.Given, r.Surname })
                if (!name.IsEmpty) keys.Add($"md:{md}|{name.Compact[0]}");
        }
        return keys;
    }

    /// <summary>Distinct candidate pairs (i &lt; j) within one list.</summary>
    public static List<(int Left, int Right)> DedupePairs(IReadOnlyList<PreparedRecord> records)
    {
        var blocks = BuildBlocks(records);
        var seen = new HashSet<long>();
        var pairs = new List<(int, int)>();
        foreach (var block in blocks.Values)
        {
            if (block.Count < 2 || block.Count > MaxBlockSize) continue;
            for (var x = 0; x < block.Count; x++)
                for (var y = x + 1; y < block.Count; y++)
                {
                    var (i, j) = block[x] < block[y] ? (block[x], block[y]) : (block[y], block[x]);
                    if (seen.Add(((long)i << 32) | (uint)j)) pairs.Add((i, j));
                }
        }
        return pairs;
    }

    /// <summary>Distinct candidate pairs (left index, right index) across two lists.</summary>
    public static List<(int Left, int Right)> LinkPairs(IReadOnlyList<PreparedRecord> left, IReadOnlyList<PreparedRecord> right)
    {
        var blocks = BuildBlocks(right);
        var seen = new HashSet<long>();
        var pairs = new List<(int, int)>();
        for (var i = 0; i < left.Count; i++)
        {
            foreach (var key in Keys(left[i]))
            {
                if (!blocks.TryGetValue(key, out var block) || block.Count > MaxBlockSize) continue;
                foreach (var j in block)
                    if (seen.Add(((long)i << 32) | (uint)j)) pairs.Add((i, j));
            }
        }
        return pairs;
    }

    private static Dictionary<string, List<int>> BuildBlocks(IReadOnlyList<PreparedRecord> records)
    {
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var key in Keys(records[i]))
            {
                if (!blocks.TryGetValue(key, out var list)) blocks[key] = list = [];
                list.Add(i);
            }
        }
        return blocks;
    }
}
