using System.Collections.Concurrent;
using System.Text;

namespace Passerelle.Matching;

/// <summary>
/// A spelling key that makes romanisation variants of one name meet: French, English, German
/// and passport conventions write the same sounds differently (ou/u, kh/ch/h, j/y/i, w/v,
/// -off/-ow/-ov, tch/tsch/ch). The key describes spelling only; it is never stored as, or used
/// to infer, anything about the person (DESIGN.md red line 2).
/// </summary>
internal static class NameKey
{
    private const int MaxVariants = 4;

    /// <summary>
    /// Keys of one compact (spaceless, folded) name. Several keys come out when a letter group
    /// is ambiguous across conventions ("ch" is /x/ in German Chassan but /ʃ/ in French Chamil).
    /// </summary>
    public static string[] Of(string compact, bool isSurname)
    {
        if (compact.Length == 0) return [];
        // Names repeat a lot in a register: keys are computed once per distinct spelling. The
        // arrays are shared, so callers never modify them.
        var cache = isSurname ? SurnameCache : GivenCache;
        if (cache.TryGetValue(compact, out var cached)) return cached;
        var keys = Compute(compact, isSurname);
        if (cache.Count < MaxCached) cache.TryAdd(compact, keys);
        return keys;
    }

    private const int MaxCached = 500_000;
    private static readonly ConcurrentDictionary<string, string[]> GivenCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string[]> SurnameCache = new(StringComparer.Ordinal);

    private static string[] Compute(string compact, bool isSurname)
    {
        var s = isSurname ? NormaliseSurnameEnding(compact) : compact;
        s = s.Replace("off", "ov", StringComparison.Ordinal).Replace("eff", "ev", StringComparison.Ordinal);

        // Each position yields one or two sound classes; variants multiply up to MaxVariants.
        var variants = new List<StringBuilder> { new() };
        var i = 0;
        while (i < s.Length)
        {
            var (classes, consumed) = Classify(s, i);
            if (classes.Length == 1 || variants.Count * classes.Length > MaxVariants)
            {
                foreach (var v in variants) v.Append(classes[0]);
            }
            else
            {
                var next = new List<StringBuilder>(variants.Count * classes.Length);
                foreach (var v in variants)
                    foreach (var c in classes)
                        next.Add(new StringBuilder(v.ToString()).Append(c));
                variants = next;
            }
            i += consumed;
        }
        return variants.Select(v => Finish(v.ToString())).Distinct(StringComparer.Ordinal).ToArray();
    }

    // Female and male surname forms meet: Ivanova/Ivanov, Pushkina/Pushkin, Kowalska/Kowalski,
    // Zagorskaya/Zagorsky.
    private static string NormaliseSurnameEnding(string s)
    {
        static string Cut(string s, string ending, string replacement) =>
            s.Length > ending.Length + 2 && s.EndsWith(ending, StringComparison.Ordinal)
                ? string.Concat(s.AsSpan(0, s.Length - ending.Length), replacement)
                : s;

        var before = s;
        foreach (var (ending, replacement) in Endings)
        {
            s = Cut(s, ending, replacement);
            if (!ReferenceEquals(s, before)) return s;
        }
        return s;
    }

    private static readonly (string Ending, string Replacement)[] Endings =
    [
        ("skaya", "ski"), ("skaia", "ski"), ("skaja", "ski"), ("skiy", "ski"), ("skii", "ski"), ("sky", "ski"), ("ska", "ski"),
        ("ckaya", "cki"), ("cka", "cki"), ("cky", "cki"),
        ("ova", "ov"), ("eva", "ev"), ("ova", "ov"), ("owa", "ov"), ("ewa", "ev"), ("ina", "in"), ("yna", "yn"),
    ];

    private static (string[] Classes, int Consumed) Classify(string s, int i)
    {
        bool At(string pattern) => string.CompareOrdinal(s, i, pattern, 0, pattern.Length) == 0;
        char Next(int offset) => i + offset < s.Length ? s[i + offset] : '\0';

        if (At("tsch")) return (["C"], 4);
        if (At("sch")) return (["S"], 3);
        if (At("tch") || At("tsh")) return (["C"], 3);
        if (At("dzh")) return (["J"], 3);
        if (At("dj") || At("zh")) return (["J"], 2);
        if (At("kh")) return (["H"], 2);
        if (At("ch")) return (["H", "C"], 2); // German Chassan vs English Chechen
        if (At("sh")) return (["S"], 2);
        if (At("ph")) return (["f"], 2);
        if (At("th")) return (["t"], 2);
        if (At("dh")) return (["d"], 2);
        if (At("gh")) return (["g"], 2);
        if (At("ck") || At("qu")) return (["k"], 2);
        if (At("gu") && Next(2) is 'e' or 'i') return (["g"], 2);
        var c = s[i];
        return c switch
        {
            'j' => (["J", "*"], 1), // French "j" /ʒ/ vs German/passport "j" /j/ (Jewlojew)
            'c' => (Next(1) is 'e' or 'i' or 'y' ? ["s"] : ["k"], 1),
            'q' => (["k"], 1),
            'x' => (["ks"], 1),
            'w' => (["v"], 1),
            'h' => (["H"], 1),
            'a' or 'e' => (["A"], 1),
            // A "y" after a vowel is the glide of a diphthong in English spelling (Kaylee, Keeley)
            // or a vowel of its own (Aydin, Aidin): both readings.
            'y' when i > 0 && s[i - 1] is 'a' or 'e' or 'o' or 'u' => (["I", "*"], 1),
            'i' or 'y' => (["I"], 1),
            'o' or 'u' => (["U"], 1),
            _ => ([c.ToString()], 1),
        };
    }

    // Vowel groups: the first group keeps its class (Musa vs Mesa differ), later groups become
    // one wildcard (Mohamed/Muhammad, Youssef/Yusuf meet); "*" stands for a semi-vowel j/y and
    // joins the surrounding vowel group. Double letters collapse (Khassan/Khasan).
    private static string Finish(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        var seenVowelGroup = false;
        var i = 0;
        while (i < raw.Length)
        {
            if (IsVowelClass(raw[i]))
            {
                var start = i;
                while (i < raw.Length && IsVowelClass(raw[i])) i++;
                if (!seenVowelGroup)
                {
                    // Class of the last real vowel of the group: "ie"/"ye"/"je" → A, "ou" → U.
                    var cls = '*';
                    for (var k = i - 1; k >= start; k--)
                    {
                        if (raw[k] == '*') continue;
                        cls = raw[k];
                        break;
                    }
                    sb.Append(cls);
                    seenVowelGroup = true;
                }
                else
                {
                    sb.Append('*');
                }
                continue;
            }
            if (sb.Length == 0 || sb[^1] != raw[i]) sb.Append(raw[i]);
            i++;
        }
        return sb.ToString();
    }

    private static bool IsVowelClass(char c) => c is 'A' or 'I' or 'U' or '*';
}
