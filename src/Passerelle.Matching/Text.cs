using System.Globalization;
using System.Text;

namespace Passerelle.Matching;

/// <summary>Spelling normalisation and string similarity shared by all comparators.</summary>
internal static class Text
{
    // Particles are kept in the "compact" form (Benali = Ben Ali) but dropped from the "core"
    // form, because one clerk writes "de la Fontaine" and another "Fontaine".
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "de", "du", "des", "la", "le", "les", "el", "al", "ben", "bin", "ibn", "bint", "abu", "ould",
        "van", "von", "der", "den", "da", "dos", "das", "di", "del", "della", "ter", "ten", "st", "n",
    };

    // Cyrillic is romanised here so that a name typed in Cyrillic meets its Latin spellings
    // through the same keys; the table follows common passport practice.
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e",
        ['ж'] = "zh", ['з'] = "z", ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m",
        ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u",
        ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "",
        ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya", ['і'] = "i", ['ї'] = "yi",
        ['є'] = "ye",
    };

    /// <summary>
    /// Lower case, accents and apostrophes removed, Cyrillic romanised, every other
    /// non-alphanumeric character turned into a single space. "N'Diaye" → "ndiaye",
    /// "Jean-Pierre" → "jean pierre".
    /// </summary>
    public static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var romanised = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            var lower = char.ToLowerInvariant(c);
            if (Cyrillic.TryGetValue(lower, out var latin)) romanised.Append(latin);
            else romanised.Append(lower);
        }
        var decomposed = romanised.ToString().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is '\'' or '’' or 'ʼ' or '`' or '´') continue;
            string? piece = c switch
            {
                'ß' => "ss", 'æ' => "ae", 'œ' => "oe", 'ø' => "o", 'ł' => "l", 'đ' => "d", 'ð' => "d",
                'þ' => "th", 'ı' => "i",
                _ => char.IsLetterOrDigit(c) ? null : " ",
            };
            if (piece == " ")
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            if (piece is null) sb.Append(c);
            else sb.Append(piece);
        }
        return sb.ToString();
    }

    public static string[] Tokens(string folded) =>
        folded.Length == 0 ? [] : folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static bool IsParticle(string token) => Particles.Contains(token);

    /// <summary>Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters).</summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (string.Equals(a, b, StringComparison.Ordinal)) return 1;
        var range = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = a.Length <= 128 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 128 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Max(0, i - range);
            var hi = Math.Min(b.Length - 1, i + range);
            for (var j = lo; j <= hi; j++)
            {
                if (bMatched[j] || a[i] != b[j]) continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i]) continue;
            while (!bMatched[k]) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }
        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        var prefix = 0;
        for (var i = 0; i < Math.Min(4, Math.Min(a.Length, b.Length)) && a[i] == b[i]; i++) prefix++;
        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>True when the strings differ by one substitution or one adjacent transposition.</summary>
    public static bool OneTypoApart(string a, string b)
    {
        if (a.Length != b.Length) return false;
        var first = -1;
        var diffs = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i]) continue;
            if (++diffs > 2) return false;
            if (first < 0) first = i;
        }
        if (diffs == 1) return true;
        return diffs == 2 && first + 1 < a.Length && a[first] == b[first + 1] && a[first + 1] == b[first];
    }
}
