namespace Passerelle.Matching;

/// <summary>The fields the engine compares, in the order of <see cref="MatchResult.Evidence"/>.</summary>
public enum MatchField
{
    /// <summary>Given name(s).</summary>
    GivenName,

    /// <summary>Surname.</summary>
    Surname,

    /// <summary>Date of birth.</summary>
    DateOfBirth,

    /// <summary>Place of birth.</summary>
    PlaceOfBirth,

    /// <summary>Address.</summary>
    Address,

    /// <summary>Postcode.</summary>
    Postcode,

    /// <summary>Sex.</summary>
    Sex,
}

/// <summary>
/// Field comparators. Each returns an agreement level (0 = strongest agreement, last = no
/// agreement) or <see cref="Missing"/> when either side is empty, which the model treats as
/// neutral (Bayes factor 1): an absent date is not evidence against a match.
/// </summary>
internal static class Comparator
{
    public const int FieldCount = 7;
    public const int Missing = -1;

    public static readonly string[][] LevelNames =
    [
        ["exact", "close spelling", "transliteration or token variant", "weak (initial, prefix or distant spelling)", "different"],
        ["exact", "close spelling", "transliteration or token variant", "weak (initial, prefix or distant spelling)", "different"],
        ["exact", "compatible partial date", "one digit typo", "day and month swapped", "year off by one", "different"],
        ["exact", "similar", "different"],
        ["exact", "similar", "partly shared", "different"],
        ["exact", "close", "different"],
        ["same", "different"],
    ];

    public static int LevelCount(int field) => LevelNames[field].Length;

    /// <summary>Fills <paramref name="levels"/> (length <see cref="FieldCount"/>); returns true when names were swapped.</summary>
    public static bool Compare(PreparedRecord a, PreparedRecord b, Span<int> levels)
    {
        var given = NameLevel(a.Given, b.Given);
        var surname = NameLevel(a.Surname, b.Surname);
        var swapped = false;
        if (given != 0 || surname != 0)
        {
            var swappedGiven = NameLevel(a.Given, b.Surname);
            var swappedSurname = NameLevel(a.Surname, b.Given);
            if (Rank(swappedGiven) + Rank(swappedSurname) < Rank(given) + Rank(surname))
            {
                given = swappedGiven;
                surname = swappedSurname;
                swapped = true;
            }
        }
        levels[0] = given;
        levels[1] = surname;
        levels[2] = DateLevel(a.DateOfBirth, b.DateOfBirth);
        levels[3] = PlaceLevel(a, b);
        levels[4] = AddressLevel(a, b);
        levels[5] = PostcodeLevel(a.Postcode, b.Postcode);
        levels[6] = a.Sex == '\0' || b.Sex == '\0' ? Missing : a.Sex == b.Sex ? 0 : 1;
        return swapped;
    }

    // Missing ranks between "variant" and "weak", so a swap is only chosen when it truly
    // explains the names better.
    private static double Rank(int level) => level == Missing ? 2.5 : level;

    public static int NameLevel(PreparedName a, PreparedName b)
    {
        if (a.IsEmpty || b.IsEmpty) return Missing;
        if (string.Equals(a.Compact, b.Compact, StringComparison.Ordinal) || string.Equals(a.Core, b.Core, StringComparison.Ordinal)) return 0;
        if (a.IsInitial || b.IsInitial) return a.Compact[0] == b.Compact[0] ? 3 : 4;
        var jw = Math.Max(Text.JaroWinkler(a.Compact, b.Compact), Text.JaroWinkler(a.Core, b.Core));
        if (jw >= 0.92) return 1;
        if (Overlaps(a.Keys, b.Keys)) return 2;
        if (SharesToken(a, b) || jw >= 0.85) return 2;
        var (shorter, longer) = a.Core.Length <= b.Core.Length ? (a.Core, b.Core) : (b.Core, a.Core);
        if (jw >= 0.75 || (shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal))) return 3;
        return 4;
    }

    // Key arrays hold one to four entries: a loop beats a set and allocates nothing.
    private static bool Overlaps(string[] a, string[] b)
    {
        foreach (var x in a)
            foreach (var y in b)
                if (string.Equals(x, y, StringComparison.Ordinal)) return true;
        return false;
    }

    // "Maria Luisa" vs "Maria": one meaningful token in common.
    private static bool SharesToken(PreparedName a, PreparedName b)
    {
        if (a.Tokens.Length < 2 && b.Tokens.Length < 2) return false;
        foreach (var t in a.Tokens)
        {
            if (t.Length < 2 || Text.IsParticle(t)) continue;
            if (Array.IndexOf(b.Tokens, t) >= 0) return true;
        }
        return false;
    }

    public static int DateLevel(PartialDate? x, PartialDate? y)
    {
        if (x is not { } a || y is not { } b) return Missing;
        if (a.IsComplete && b.IsComplete)
        {
            if (a == b) return 0;
            var sa = Digits(a);
            var sb = Digits(b);
            if (Text.OneTypoApart(sa, sb)) return 2;
            if (a.Year == b.Year && a.Day == b.Month && a.Month == b.Day) return 3;
            if (Math.Abs(a.Year - b.Year) == 1 && a.Month == b.Month && a.Day == b.Day) return 4;
            return 5;
        }
        var monthOk = a.Month is null || b.Month is null || a.Month == b.Month;
        var dayOk = a.Day is null || b.Day is null || a.Day == b.Day;
        if (a.Year == b.Year && monthOk && dayOk) return 1;
        if (Math.Abs(a.Year - b.Year) == 1 && monthOk && dayOk) return 4;
        return 5;
    }

    private static string Digits(PartialDate d) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{d.Year:D4}{d.Month:D2}{d.Day:D2}");

    private static int PlaceLevel(PreparedRecord a, PreparedRecord b)
    {
        if (a.Place.Length == 0 || b.Place.Length == 0) return Missing;
        if (string.Equals(a.Place, b.Place, StringComparison.Ordinal)) return 0;
        if (Text.JaroWinkler(a.Place, b.Place) >= 0.88 || Overlaps(a.PlaceKeys, b.PlaceKeys)) return 1;
        return 2;
    }

    private static int AddressLevel(PreparedRecord a, PreparedRecord b)
    {
        if (a.AddressCompact.Length == 0 || b.AddressCompact.Length == 0) return Missing;
        if (string.Equals(a.AddressCompact, b.AddressCompact, StringComparison.Ordinal)) return 0;
        var shared = 0;
        var sharedWord = false;
        foreach (var t in a.AddressTokens)
        {
            if (Array.IndexOf(b.AddressTokens, t) < 0) continue;
            shared++;
            if (t.Length >= 3 && !t.All(char.IsAsciiDigit)) sharedWord = true;
        }
        var union = a.AddressTokens.Length + b.AddressTokens.Length - shared;
        var jw = Text.JaroWinkler(a.AddressCompact, b.AddressCompact);
        if ((union > 0 && (double)shared / union >= 0.5) || jw >= 0.92) return 1;
        if (sharedWord || jw >= 0.8) return 2;
        return 3;
    }

    private static int PostcodeLevel(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return Missing;
        if (string.Equals(a, b, StringComparison.Ordinal)) return 0;
        if (Text.OneTypoApart(a, b) || (a.Length >= 4 && b.Length >= 4 && string.CompareOrdinal(a, 0, b, 0, 3) == 0)) return 1;
        return 2;
    }
}
