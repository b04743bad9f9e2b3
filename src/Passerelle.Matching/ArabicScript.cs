using System.Text;

namespace Passerelle.Matching;

/// <summary>
/// Names written in Arabic script (Arabic, Persian, Urdu, Pashto and Kurdish letters). The script writes
/// consonants and long vowels but seldom the short vowels, so one Arabic spelling stands for
/// many Latin ones (فيصل: Faisal, Faysal, Fayçal). <see cref="Romanise"/> gives the letters a
/// readable Latin form for display and string similarity; <see cref="Keys"/> gives the
/// transliteration keys of the Latin spellings the letters allow, by supplying the unwritten
/// vowels, so that the name meets its Latin spellings through the same keys as any other name.
/// Like every name key, these describe spelling only, never the person (DESIGN.md red line 2).
/// </summary>
internal static class ArabicScript
{
    /// <summary>Most keys one name in Arabic script gives (its unwritten vowels multiply them).</summary>
    internal const int MaxKeys = 16;

    // Letter → Latin, and whether it is a vowel. Consonants follow French and English usage
    // (ج dj/j, خ kh, ش sh, ق q); hamza seats are silent; ع shows as a vowel in Latin spellings
    // (Saad, Abdallah, Ismail).
    private static readonly Dictionary<char, (string Latin, bool Vowel)> Letters = new()
    {
        ['ب'] = ("b", false), ['ت'] = ("t", false), ['ث'] = ("th", false), ['ج'] = ("j", false),
        ['ح'] = ("h", false), ['خ'] = ("kh", false), ['د'] = ("d", false), ['ذ'] = ("dh", false),
        ['ر'] = ("r", false), ['ز'] = ("z", false), ['س'] = ("s", false), ['ش'] = ("sh", false),
        ['ص'] = ("s", false), ['ض'] = ("d", false), ['ط'] = ("t", false), ['ظ'] = ("z", false),
        ['غ'] = ("gh", false), ['ف'] = ("f", false), ['ق'] = ("q", false), ['ك'] = ("k", false),
        ['ک'] = ("k", false), ['ل'] = ("l", false), ['م'] = ("m", false), ['ن'] = ("n", false),
        ['ه'] = ("h", false), ['پ'] = ("p", false), ['چ'] = ("ch", false), ['ژ'] = ("zh", false),
        ['گ'] = ("g", false), ['ڤ'] = ("v", false),
        // Urdu: ٹ ڈ ڑ (retroflex t, d, r), ں (nasal n), ہ (h; ھ, which marks the letter before it
        // as aspirated, bh, th, is read in Units), ے (e) and ۃ (as ة).
        ['ٹ'] = ("t", false), ['ڈ'] = ("d", false), ['ڑ'] = ("r", false), ['ں'] = ("n", false),
        ['ہ'] = ("h", false), ['ے'] = ("e", true), ['ۃ'] = ("a", true),
        // Pashto: ټ ډ ړ ڼ (retroflex), ږ (zh), ښ (sh, as Kandahar and most Latin spellings write it),
        // ګ (g), څ (ts), ځ (dz), ې (e), ۍ (ai).
        ['ټ'] = ("t", false), ['ډ'] = ("d", false), ['ړ'] = ("r", false), ['ڼ'] = ("n", false),
        ['ږ'] = ("zh", false), ['ښ'] = ("sh", false), ['ګ'] = ("g", false), ['څ'] = ("ts", false),
        ['ځ'] = ("dz", false), ['ې'] = ("e", true), ['ۍ'] = ("ai", true),
        // Sorani Kurdish, which writes its vowels: ڕ (rolled r), ڵ (dark l), ێ and ە (e), ۆ (o); and
        // the Uyghur ۇ ۈ (u) and ۋ (v).
        ['ڕ'] = ("r", false), ['ڵ'] = ("l", false), ['ێ'] = ("e", true), ['ە'] = ("e", true),
        ['ۆ'] = ("o", true), ['ۇ'] = ("u", true), ['ۈ'] = ("u", true), ['ۋ'] = ("v", false),
        ['ا'] = ("a", true), ['آ'] = ("a", true), ['أ'] = ("a", true), ['إ'] = ("i", true),
        ['ى'] = ("a", true), ['ة'] = ("a", true), ['ع'] = ("a", true),
        ['ء'] = ("", true), ['ئ'] = ("", true), ['ؤ'] = ("", true),
    };

    // Particles written as their own word (bin, ibn, bint, abu): dropped from the core form, as
    // in Latin names. The article ال is written joined to its word and is handled apart.
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "بن", "ابن", "بنت", "ابو", "أبو" };

    /// <summary>True when the text holds a letter of the Arabic script.</summary>
    public static bool Contains(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var c in text)
            if (IsArabic(c)) return true;
        return false;
    }

    private static bool IsArabic(char c) => c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    /// <summary>Every run of Arabic letters in the text replaced by its letters in Latin ("فيصل" → "fisl"); the rest unchanged.</summary>
    public static string Romanise(string text)
    {
        var sb = new StringBuilder(text.Length * 2);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsArabic(text[i]))
            {
                sb.Append(text[i++]);
                continue;
            }
            var start = i;
            while (i < text.Length && IsArabic(text[i])) i++;
            foreach (var (latin, _, _) in Units(text.AsSpan(start, i - start))) sb.Append(latin);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Transliteration keys of a name field written in Arabic script: the keys (<see
    /// cref="NameKey"/>) of the Latin spellings its letters allow, with the whole name and with
    /// the article ال and the particles left out, at most <see cref="MaxKeys"/>.
    /// </summary>
    public static string[] Keys(string text, bool isSurname)
    {
        // Presentation forms (ﻓﻴﺼﻞ, from PDFs and old systems) are the very letters.
        var words = text.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var whole = new List<Unit>();
        var core = new List<Unit>();
        var hasArticleOrParticle = false;
        foreach (var word in words)
        {
            var units = Units(word);
            if (units.Count == 0) continue;
            whole.AddRange(units);
            if (Particles.Contains(word))
            {
                hasArticleOrParticle = true;
                continue;
            }
            // ال joined to its word: al-Hassan is Hassan as well.
            if (word.Length > 3 && word[0] == 'ا' && word[1] == 'ل')
            {
                hasArticleOrParticle = true;
                core.AddRange(units.Skip(2));
            }
            else core.AddRange(units);
        }
        var keys = new List<string>();
        AddReadings(whole, isSurname, keys);
        if (hasArticleOrParticle) AddReadings(core, isSurname, keys);
        return [.. keys];
    }

    // A final ه or ہ after a consonant is an h in Arabic names (Abdallah, Wajih) but the written
    // final vowel in Persian, Urdu and Pashto ones (فاطمه: Fatemeh or Fatima, عائشہ: Ayesha, وږمه:
    // Wazhma); after a long vowel and before a consonant, Latin spellings write it elsewhere or
    // not at all (چوہدری: Chaudhry, Choudry). Both readings, each with half the key cap so that
    // neither crowds out the other.
    private static void AddReadings(List<Unit> units, bool isSurname, List<string> keys)
    {
        List<Unit>? other = null;
        if (units.Count >= 2 && units[^1].Heh && !units[^2].Vowel)
        {
            other = [.. units];
            other[^1] = new Unit("a", true);
        }
        for (var u = 1; u + 1 < units.Count; u++)
        {
            if (!units[u].Heh || !units[u - 1].Vowel || units[u - 1].Latin.Length == 0 || units[u + 1].Vowel) continue;
            other ??= [.. units];
            other[u] = new Unit("", true);
        }
        if (other is null)
        {
            AddSpellings(units, isSurname, keys, MaxKeys);
            return;
        }
        AddSpellings(units, isSurname, keys, Math.Min(MaxKeys, keys.Count + (MaxKeys / 2)));
        AddSpellings(other, isSurname, keys, MaxKeys);
    }

    // One letter in Latin: whether it is a vowel, and whether it is ه / ہ, which Persian, Urdu and
    // Pashto also write for a vowel.
    private readonly record struct Unit(string Latin, bool Vowel, bool Heh = false);

    // Gaps past this many always get their vowel (the cap on keys is reached long before).
    private const int MaxGaps = 10;

    // Which gaps go without a vowel, fewest first: every subset of MaxGaps gaps, in that order.
    private static readonly int[] DroppedOrder = [.. Enumerable.Range(0, 1 << MaxGaps)
        .OrderBy(m => System.Numerics.BitOperations.PopCount((uint)m)).ThenBy(m => m)];

    // The Latin spellings of a sequence of letters, with a vowel supplied or not in each gap
    // between two consonants: in the first gap before any written vowel, a, i or u (the first
    // vowel keeps its class in a key); in later gaps, any vowel (they all read as one). Fewest
    // dropped vowels first, so that the cap keeps the likelier spellings.
    private static void AddSpellings(List<Unit> units, bool isSurname, List<string> keys, int limit)
    {
        if (units.Count == 0) return;
        var gaps = new List<int>(); // index of the unit after which a vowel may be supplied
        var firstGap = -1;
        var vowelSeen = false;
        for (var u = 0; u < units.Count; u++)
        {
            vowelSeen |= units[u].Vowel && units[u].Latin.Length > 0;
            if (u + 1 < units.Count && !units[u].Vowel && !units[u + 1].Vowel)
            {
                if (!vowelSeen && firstGap < 0) firstGap = u;
                else gaps.Add(u);
            }
        }
        string[] firstChoices = firstGap < 0 ? [""] : ["a", "i", "u", ""];
        var sb = new StringBuilder();
        foreach (var dropped in DroppedOrder)
        {
            if (dropped >= 1 << Math.Min(gaps.Count, MaxGaps)) continue;
            foreach (var first in firstChoices)
            {
                sb.Clear();
                for (var u = 0; u < units.Count; u++)
                {
                    sb.Append(units[u].Latin);
                    if (u == firstGap) sb.Append(first);
                    var g = gaps.IndexOf(u);
                    if (g >= 0 && (g >= MaxGaps || (dropped & (1 << g)) == 0)) sb.Append('e');
                }
                foreach (var key in NameKey.Of(sb.ToString(), isSurname))
                {
                    if (keys.Count >= limit) return;
                    if (!keys.Contains(key)) keys.Add(key);
                }
            }
        }
    }

    // The word's letters as Latin units. و and ي are consonants (w, y) at the start of a word or
    // before an alif (Walid, Marwan, Yasmina), long vowels (u, i) elsewhere (Yusuf, Faisal).
    private static List<Unit> Units(ReadOnlySpan<char> word)
    {
        var units = new List<Unit>(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            if (c is 'و' or 'ي' or 'ی')
            {
                var consonant = units.Count == 0 || next is 'ا' or 'آ';
                units.Add(c == 'و' ? new Unit(consonant ? "w" : "u", !consonant) : new Unit(consonant ? "y" : "i", !consonant));
            }
            else if (c == 'ھ')
            {
                // Urdu bh, ph, th, kh, gh (Bhatti): one sound with the consonant before it, so no
                // vowel is supplied between them; elsewhere (Sorani writes every h so) an h.
                if (units.Count > 0 && units[^1] is { Vowel: false, Latin.Length: > 0 } before) units[^1] = new Unit(before.Latin + "h", false);
                else units.Add(new Unit("h", false));
            }
            else if (Letters.TryGetValue(c, out var letter)) units.Add(new Unit(letter.Latin, letter.Vowel, c is 'ه' or 'ہ'));
        }
        return units;
    }
}
