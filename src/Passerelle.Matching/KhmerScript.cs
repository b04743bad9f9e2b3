using System.Text;

namespace Passerelle.Matching;

/// <summary>
/// Names written in Khmer script, romanised as Cambodian names are usually written in Latin
/// letters (Dara, Sokha, Kim, Vanna, Thida), so that a name typed in Khmer meets its Latin
/// record through the same comparators and keys. Khmer is an abugida: a consonant carries an
/// unwritten vowel unless a vowel sign follows it or it closes its syllable, and a consonant
/// written under another (after the coeng sign ្) follows it without a vowel. The popular
/// spellings do not follow one standard: ត (t) is written "t" in Tola but "d" in Thida, so
/// <see cref="Keys"/> gives both. Like every name key, these describe spelling only, never the
/// person (DESIGN.md red line 2).
/// </summary>
internal static class KhmerScript
{
    private const char Coeng = '\u17D2';
    private const char Ta = '\u178F'; // ត

    // Consonants U+1780–U+17A2; អ carries a vowel and is silent itself.
    private static readonly string[] Consonants =
    [
        "k", "kh", "k", "kh", "ng", "ch", "chh", "ch", "chh", "nh",
        "d", "th", "d", "th", "n", "t", "th", "t", "th", "n",
        "b", "ph", "p", "ph", "m", "y", "r", "l", "v", "s",
        "s", "s", "h", "l", "",
    ];

    // Independent vowels U+17A3–U+17B3.
    private static readonly string[] IndependentVowels =
        ["a", "a", "e", "ei", "o", "ou", "ou", "au", "rue", "rue", "lue", "lue", "ae", "ai", "ao", "ao", "au"];

    // Vowel signs U+17B6–U+17C5, then ំ (m), ះ (h), ៈ (a short vowel, not written in Latin).
    private static readonly string[] VowelSigns =
        ["a", "i", "i", "i", "eu", "o", "ou", "uo", "ae", "oea", "ie", "e", "ae", "ai", "ao", "au", "m", "h", ""];

    /// <summary>True when the text holds a Khmer letter or sign.</summary>
    public static bool Contains(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var c in text)
            if (IsKhmer(c)) return true;
        return false;
    }

    private static bool IsKhmer(char c) => c is >= '\u1780' and <= '\u17FF' or >= '\u19E0' and <= '\u19FF';

    private static bool IsConsonant(char c) => c is >= '\u1780' and <= '\u17A2';

    // គ ឃ ង ជ ឈ ញ ឌ ឍ ទ ធ ន ព ភ ម យ រ ល វ: the consonants of the second series, whose vowels sound higher.
    private static bool SecondSeries(char c) => c is '\u1782' or '\u1783' or '\u1784' or '\u1787' or '\u1788' or '\u1789'
        or '\u178C' or '\u178D' or '\u1791' or '\u1792' or '\u1793' or '\u1796' or '\u1797' or '\u1798' or '\u1799'
        or '\u179A' or '\u179B' or '\u179C';

    private static bool IsVowelSign(char c) => c is >= '\u17B6' and <= '\u17C8';

    /// <summary>Every run of Khmer in the text replaced by its popular Latin spelling ("តារា" → "tara", "គឹម" → "kim"); the rest unchanged.</summary>
    public static string Romanise(string text) => Romanise(text, taAsD: false);

    /// <summary>
    /// Keys of a name field written in Khmer script: those of its popular Latin spelling, and,
    /// when it holds ត, those of the spelling with "d" for it (Thida, Dara).
    /// </summary>
    public static string[] Keys(string text, bool isSurname)
    {
        // Only the Khmer letters, as Arabic-script keys take only Arabic letters: what else the field holds is not the name's Khmer spelling.
        var khmer = new string([.. text.Select(c => IsKhmer(c) ? c : ' ')]);
        var keys = new List<string>();
        foreach (var reading in khmer.Contains(Ta, StringComparison.Ordinal) ? [false, true] : new[] { false })
        {
            var folded = Text.Fold(Romanise(khmer, reading));
            foreach (var key in NameKey.Of(folded.Replace(" ", "", StringComparison.Ordinal), isSurname))
                if (!keys.Contains(key)) keys.Add(key);
        }
        return [.. keys];
    }

    private static string Romanise(string text, bool taAsD)
    {
        var sb = new StringBuilder(text.Length * 2);
        // Whether the syllable being written has its vowel and no final consonant yet: a
        // consonant that follows then closes it; otherwise the consonant opens a syllable.
        var open = false;
        var voweled = false; // the word has a vowel so far
        var closed = false; // the last consonant closed its syllable
        var second = false; // the series of the syllable's consonant, which sets how some vowels sound
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsKhmer(c))
            {
                sb.Append(c);
                open = voweled = false;
                continue;
            }
            if (IsConsonant(c))
            {
                var subscript = i > 0 && text[i - 1] == Coeng;
                var j = i + 1;
                while (j < text.Length && IsModifier(text[j])) j++;
                var next = j < text.Length ? text[j] : '\0';
                var coda = false; // closes a syllable
                var inherent = false; // opens one with the unwritten vowel
                if (IsVowelSign(next))
                {
                    // The vowel follows.
                }
                else if (subscript)
                {
                    // The last letter of a cluster opens a syllable before another consonant
                    // (សម្បត្តិ: sam-bat-ti) and ends the word otherwise (ពិសិដ្ឋ: pisidt).
                    inherent = IsConsonant(next);
                    coda = !inherent;
                }
                else if (next == Coeng || !IsConsonant(next))
                {
                    // Before a letter written under it, or at the end of a word: it closes an
                    // open syllable (វណ្ណ: van-n); a word's only consonant keeps its vowel.
                    coda = open;
                    inherent = !open && next != Coeng && !voweled;
                }
                else
                {
                    // Before another consonant: it closes an open syllable (ចន្ទា: chan-ta) and
                    // opens one otherwise (វណ្ណ: va-).
                    coda = open;
                    inherent = !open;
                }
                var latin = c == Ta && taAsD ? "d" : Consonants[c - '\u1780'];
                // A final consonant is never aspirated nor voiced (សុខ: Sok, ពិសិដ្ឋ: Piset), and
                // one written under a final consonant is not sounded.
                if (coda && latin is "kh" or "chh" or "th" or "ph") latin = latin[..^1];
                if (coda && latin is "d") latin = "t";
                if (coda && subscript && closed) latin = "";
                sb.Append(latin);
                if (!subscript) second = SecondSeries(c);
                closed = coda;
                if (coda) open = false;
                if (inherent)
                {
                    sb.Append('a');
                    open = voweled = true;
                }
                continue;
            }
            if (c is >= '\u17A3' and <= '\u17B3')
            {
                sb.Append(IndependentVowels[c - '\u17A3']);
                open = voweled = true;
            }
            else if (IsVowelSign(c))
            {
                // ិ is "e" after a first-series consonant (សិរី: Serey) and "i" after a second-series
                // one (ពិសិដ្ឋ: Piseth); ុ is "o" and "u" (សុខ: Sok, ប៊ុន: Bun); ើ is "ae" and "eu".
                sb.Append(c switch
                {
                    '\u17B7' => second ? "i" : "e",
                    '\u17BB' => second ? "u" : "o",
                    '\u17BE' => second ? "eu" : "ae",
                    _ => VowelSigns[c - '\u17B6'],
                });
                voweled = true;
                // ំ (m) and ះ (h) close the syllable, ៈ cuts it short.
                open = c < '\u17C6';
            }
            else if (c is '\u17C9' or '\u17CA') second = c == '\u17CA'; // ៉ and ៊ move a consonant to the other series
            else if (c is >= '\u17E0' and <= '\u17E9') sb.Append((char)('0' + (c - '\u17E0')));
            else if (c is >= '\u17D4' and <= '\u17DA') sb.Append(' ');
            // Other signs (coeng, bantoc, the series shifters ៉ ៊) change how a letter sounds, not which letter.
        }
        return sb.ToString();
    }

    // Signs between a consonant and its vowel that change its sound, not the letters: ៉ ៊ ់ ៌ ៍ ៎ ៏ ័ ៑ ៓ ៝.
    private static bool IsModifier(char c) => c is >= '\u17C9' and <= '\u17D1' or '\u17D3' or '\u17DD';
}
