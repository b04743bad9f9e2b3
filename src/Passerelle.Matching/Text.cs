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
        ['є'] = "ye", ['ґ'] = "g",
        // Belarusian ў (Паўлавіч / Павлович: the same sound as Russian в), Serbian and Macedonian letters.
        ['ў'] = "w", ['ј'] = "j", ['љ'] = "lj", ['њ'] = "nj", ['ђ'] = "dj", ['ћ'] = "c", ['џ'] = "dzh",
    };

    // Greek (ELOT 743, as Greek passports write it), Armenian (as Armenian passports write it:
    // Hovhannisyan) and Georgian (the national system of 2002): alphabets whose letters each have
    // one usual Latin spelling, so a name typed in its own script meets the Latin record. The
    // digraphs ου, αυ, ευ and ու are read in Fold.
    private static readonly Dictionary<char, string> Alphabets = new()
    {
        ['α'] = "a", ['β'] = "v", ['γ'] = "g", ['δ'] = "d", ['ε'] = "e", ['ζ'] = "z", ['η'] = "i", ['θ'] = "th",
        ['ι'] = "i", ['κ'] = "k", ['λ'] = "l", ['μ'] = "m", ['ν'] = "n", ['ξ'] = "x", ['ο'] = "o", ['π'] = "p",
        ['ρ'] = "r", ['σ'] = "s", ['ς'] = "s", ['τ'] = "t", ['υ'] = "y", ['φ'] = "f", ['χ'] = "ch", ['ψ'] = "ps",
        ['ω'] = "o",
        ['ա'] = "a", ['բ'] = "b", ['գ'] = "g", ['դ'] = "d", ['ե'] = "e", ['զ'] = "z", ['է'] = "e", ['ը'] = "y",
        ['թ'] = "t", ['ժ'] = "zh", ['ի'] = "i", ['լ'] = "l", ['խ'] = "kh", ['ծ'] = "ts", ['կ'] = "k", ['հ'] = "h",
        ['ձ'] = "dz", ['ղ'] = "gh", ['ճ'] = "ch", ['մ'] = "m", ['յ'] = "y", ['ն'] = "n", ['շ'] = "sh", ['ո'] = "o",
        ['չ'] = "ch", ['պ'] = "p", ['ջ'] = "j", ['ռ'] = "r", ['ս'] = "s", ['վ'] = "v", ['տ'] = "t", ['ր'] = "r",
        ['ց'] = "ts", ['ւ'] = "v", ['փ'] = "p", ['ք'] = "k", ['օ'] = "o", ['ֆ'] = "f", ['և'] = "ev",
        ['ა'] = "a", ['ბ'] = "b", ['გ'] = "g", ['დ'] = "d", ['ე'] = "e", ['ვ'] = "v", ['ზ'] = "z", ['თ'] = "t",
        ['ი'] = "i", ['კ'] = "k", ['ლ'] = "l", ['მ'] = "m", ['ნ'] = "n", ['ო'] = "o", ['პ'] = "p", ['ჟ'] = "zh",
        ['რ'] = "r", ['ს'] = "s", ['ტ'] = "t", ['უ'] = "u", ['ფ'] = "p", ['ქ'] = "k", ['ღ'] = "gh", ['ყ'] = "q",
        ['შ'] = "sh", ['ჩ'] = "ch", ['ც'] = "ts", ['ძ'] = "dz", ['წ'] = "ts", ['ჭ'] = "ch", ['ხ'] = "kh", ['ჯ'] = "j",
        ['ჰ'] = "h",
    };

    // Greek ου is ou (not oy), αυ and ευ are av and ev (Παύλος: Pavlos); Armenian ու is u, and at the
    // start of a word ե is ye and ո is vo (Երևան: Yerevan, Ոսկանյան: Voskanyan).
    private static string? Digraph(char previous, char letter) => (previous, letter) switch
    {
        ('ο', 'υ') => "ou",
        ('ո', 'ւ') => "u",
        ('α' or 'ε', 'υ') => "v",
        ('\0', 'ե') => "ye",
        ('\0', 'ո') => "vo",
        _ => null,
    };

    /// <summary>
    /// Lower case, accents and apostrophes removed, Cyrillic, Greek, Armenian, Georgian, Arabic and Khmer script romanised, every other
    /// non-alphanumeric character turned into a single space. "N'Diaye" → "ndiaye",
    /// "Jean-Pierre" → "jean pierre".
    /// </summary>
    public static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        if (Ascii.IsValid(value)) return FoldAscii(value);
        if (ArabicScript.Contains(value)) value = ArabicScript.Romanise(value.Normalize(NormalizationForm.FormKC));
        if (KhmerScript.Contains(value)) value = KhmerScript.Romanise(value);
        var romanised = new StringBuilder(value.Length + 8);
        var previous = '\0';
        var pieceLength = 0;
        foreach (var c in value)
        {
            var lower = char.ToLowerInvariant(c);
            // Greek vowels carry their accent in the letter (ά, ΐ): the base letter is looked up.
            if (lower is >= '\u0386' and <= '\u03CE' or >= '\u1F00' and <= '\u1FFF') lower = lower.ToString().Normalize(NormalizationForm.FormD)[0];
            var digraph = Digraph(previous, lower);
            var piece = Cyrillic.TryGetValue(lower, out var latin) ? latin
                : Alphabets.TryGetValue(lower, out latin) ? digraph ?? latin
                : null;
            if (piece is null) romanised.Append(lower);
            else
            {
                // The second letter of ου and ու replaces what the first one wrote.
                if (digraph is not null && (lower is 'ւ' || previous is 'ο')) romanised.Length -= pieceLength;
                romanised.Append(piece);
            }
            pieceLength = piece?.Length ?? 1;
            previous = char.IsLetter(lower) ? lower : '\0';
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

    // The same result as the general path for pure ASCII input (no Cyrillic, no accents, nothing
    // for Unicode normalisation to change), without the intermediate strings: most registers are
    // ASCII and preparing a million records folds eight fields each.
    private static string FoldAscii(string value)
    {
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var length = 0;
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (c is '\'' or '`') continue;
            if (!char.IsAsciiLetterOrDigit(c))
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }
            buffer[length++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
        }
        return length == value.Length && buffer[..length].SequenceEqual(value) ? value : new string(buffer[..length]);
    }

    public static string[] Tokens(string folded) =>
        folded.Length == 0 ? [] : folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static bool IsParticle(string token) => Particles.Contains(token);

    /// <summary>Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters).</summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (string.Equals(a, b, StringComparison.Ordinal)) return 1;
        if (b.Length <= 64 && a.Length <= 64 && Ascii.IsValid(b)) return JaroWinklerBits(a, b);
        return JaroWinklerScan(a, b);
    }

    // The textbook scan: each character of a takes the first unmatched equal character of b
    // within the window.
    internal static double JaroWinklerScan(string a, string b)
    {
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
        return Finish(a, b, matches, transpositions);
    }

    // The same matching as the scan, with b's positions as bit masks per character (strings of
    // at most 64 characters, b in ASCII): "first unmatched equal character within the window" is
    // the lowest set bit of (positions of that character) & (window) & ~(already matched).
    // The result is bit for bit the scan's.
    private static double JaroWinklerBits(string a, string b)
    {
        var positions = bitTable ??= new ulong[128];
        for (var j = 0; j < b.Length; j++) positions[b[j]] |= 1UL << j;
        var result = JaroWinklerBits(a, b, positions);
        foreach (var c in b) positions[c] = 0;
        return result;
    }

    [ThreadStatic]
    private static ulong[]? bitTable;

    private static double JaroWinklerBits(string a, string b, ulong[] positions)
    {
        var range = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        ulong aMatched = 0, bMatched = 0;
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var c = a[i];
            if (c >= 128) continue;
            var lo = Math.Max(0, i - range);
            var hi = Math.Min(b.Length - 1, i + range);
            if (lo > hi) continue;
            var window = (hi - lo == 63 ? ulong.MaxValue : ((1UL << (hi - lo + 1)) - 1)) << lo;
            var candidates = positions[c] & window & ~bMatched;
            if (candidates == 0) continue;
            bMatched |= candidates & (0 - candidates);
            aMatched |= 1UL << i;
            matches++;
        }
        if (matches == 0) return 0;
        var transpositions = 0;
        var remainingA = aMatched;
        var remainingB = bMatched;
        while (remainingA != 0)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(remainingA);
            var k = System.Numerics.BitOperations.TrailingZeroCount(remainingB);
            if (a[i] != b[k]) transpositions++;
            remainingA &= remainingA - 1;
            remainingB &= remainingB - 1;
        }
        return Finish(a, b, matches, transpositions);
    }

    private static double Finish(string a, string b, int matches, int transpositions)
    {
        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        var prefix = 0;
        for (var i = 0; i < Math.Min(4, Math.Min(a.Length, b.Length)) && a[i] == b[i]; i++) prefix++;
        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>Letters one string has and the other lacks, counted with multiplicity (a reordering counts 0; characters outside a–z share one bucket).</summary>
    public static int LettersApart(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        Span<int> counts = stackalloc int[27];
        foreach (var c in x) counts[c is >= 'a' and <= 'z' ? c - 'a' : 26]++;
        foreach (var c in y) counts[c is >= 'a' and <= 'z' ? c - 'a' : 26]--;
        var apart = 0;
        foreach (var n in counts) apart += Math.Abs(n);
        return apart;
    }

    /// <summary>The characters of a string as a set of 64 buckets, for <see cref="JaroWinklerBound"/>.</summary>
    public static ulong CharacterSet(string s)
    {
        ulong set = 0;
        foreach (var c in s) set |= 1UL << (c & 63);
        return set;
    }

    /// <summary>
    /// An upper bound of <see cref="JaroWinkler"/> that costs a pass over each string: a matched
    /// character of one string occurs in the other, so the matches are at most the characters of
    /// each whose bucket is in the other's <see cref="CharacterSet"/>, and the transposition term
    /// is at most 1. Lets a comparator skip the similarity when it cannot reach a threshold.
    /// </summary>
    public static double JaroWinklerBound(string a, ulong aSet, string b, ulong bSet)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        var inB = 0;
        foreach (var c in a)
            if ((bSet & (1UL << (c & 63))) != 0) inB++;
        var inA = 0;
        foreach (var c in b)
            if ((aSet & (1UL << (c & 63))) != 0) inA++;
        double m = Math.Min(inA, inB);
        if (m == 0) return 0;
        var jaro = ((m / a.Length) + (m / b.Length) + 1.0) / 3.0;
        var prefix = 0;
        for (var i = 0; i < Math.Min(4, Math.Min(a.Length, b.Length)) && a[i] == b[i]; i++) prefix++;
        // A hair above, so that rounding can never put the bound under the true value.
        return jaro + (prefix * 0.1 * (1 - jaro)) + 1e-9;
    }

    /// <summary>True when the strings differ by one substitution or one adjacent transposition.</summary>
    public static bool OneTypoApart(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
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

    /// <summary>
    /// Levenshtein distance between two short strings, counted up to <paramref name="limit"/>
    /// (anything further is reported as <paramref name="limit"/>). Strings past 32 characters
    /// are compared by length alone, the least they can differ by.
    /// </summary>
    public static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit) return limit;
        if (a.Length > 32 || b.Length > 32) return Math.Abs(a.Length - b.Length);
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                best = Math.Min(best, current[j]);
            }
            if (best >= limit) return limit;
            current.CopyTo(previous);
        }
        return Math.Min(previous[b.Length], limit);
    }
}
