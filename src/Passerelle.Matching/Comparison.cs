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

    /// <summary>An identity-document or registration number of the same kind.</summary>
    Identifier,

    /// <summary>E-mail address.</summary>
    Email,

    /// <summary>Telephone number.</summary>
    Phone,
}

/// <summary>
/// Field comparators. Each returns an agreement level (0 = strongest agreement, last = no
/// agreement) or <see cref="Missing"/> when either side is empty, which the model treats as
/// neutral (Bayes factor 1): an absent date is not evidence against a match.
/// </summary>
internal static class Comparator
{
    public const int FieldCount = 10;
    public const int Missing = -1;

    public static readonly string[][] LevelNames =
    [
        ["exact", "close spelling", "transliteration or token variant", "weak (initial, prefix or distant spelling)", "different"],
        ["exact", "close spelling", "transliteration or token variant", "weak (initial, prefix or distant spelling)", "different"],
        ["exact", "compatible partial date", "one digit typo", "day and month swapped", "year off by one", "within a month", "within a year", "within ten years", "different", "a generation apart"],
        ["exact", "similar", "different"],
        ["exact", "similar", "partly shared", "different"],
        ["exact", "close", "different"],
        ["same", "different"],
        ["exact", "one character different", "different"],
        ["exact", "close", "different"],
        ["same", "different"],
    ];

    public static int LevelCount(int field) => LevelNames[field].Length;

    /// <summary>Fills <paramref name="levels"/> (length <see cref="FieldCount"/>); returns how the names were paired.</summary>
    public static NameArrangement Compare(PreparedRecord a, PreparedRecord b, Span<int> levels)
    {
        var given = NameLevelCache.Get(a.Given, b.Given);
        var surname = NameLevelCache.Get(a.Surname, b.Surname);
        var arrangement = NameArrangement.Straight;
        if (given != 0 || surname != 0)
        {
            var swappedGiven = NameLevelCache.Get(a.Given, b.Surname);
            var swappedSurname = NameLevelCache.Get(a.Surname, b.Given);
            if (Rank(swappedGiven) + Rank(swappedSurname) < Rank(given) + Rank(surname))
            {
                given = swappedGiven;
                surname = swappedSurname;
                arrangement = NameArrangement.Swapped;
            }
            // A full name of three words or more read the other way (first word given name, the
            // rest surname), when that explains the names better.
            if (a.Resplit is { } ra)
            {
                Resplit(ra.Given, ra.Surname, b.Given, b.Surname);
                if (b.Resplit is { } rab) Resplit(ra.Given, ra.Surname, rab.Given, rab.Surname);
            }
            if (b.Resplit is { } rb) Resplit(a.Given, a.Surname, rb.Given, rb.Surname);
        }
        levels[0] = given;
        levels[1] = surname;
        levels[2] = DateLevel(a.DateOfBirth, b.DateOfBirth);
        levels[3] = PlaceLevel(a, b);
        levels[4] = AddressLevel(a, b);
        levels[5] = PostcodeLevel(a.Postcode, b.Postcode);
        levels[6] = a.Sex == '\0' || b.Sex == '\0' ? Missing : a.Sex == b.Sex ? 0 : 1;
        levels[7] = IdentifierLevel(a.Identifiers, b.Identifiers);
        levels[8] = EmailLevel(a.Email, b.Email);
        levels[9] = a.Phone.Length == 0 || b.Phone.Length == 0 ? Missing : string.Equals(a.Phone, b.Phone, StringComparison.Ordinal) ? 0 : 1;
        return arrangement;

        void Resplit(PreparedName ag, PreparedName asn, PreparedName bg, PreparedName bsn)
        {
            var g = NameLevelCache.Get(ag, bg);
            var n = NameLevelCache.Get(asn, bsn);
            if (Rank(g) + Rank(n) < Rank(given) + Rank(surname))
            {
                given = g;
                surname = n;
                arrangement = NameArrangement.Resplit;
            }
        }
    }

    /// <summary>
    /// Numbers of the same kind: the best agreement over the kinds both records hold. One
    /// character substituted, or two neighbours swapped, is a clerk's slip; anything more is
    /// another number. Missing when no kind is held by both.
    /// </summary>
    public static int IdentifierLevel((string Kind, string Number)[] a, (string Kind, string Number)[] b)
    {
        var level = Missing;
        foreach (var (kind, number) in a)
        {
            foreach (var (otherKind, other) in b)
            {
                if (!string.Equals(kind, otherKind, StringComparison.Ordinal)) continue;
                var l = string.Equals(number, other, StringComparison.Ordinal) ? 0 : OneSlip(number, other) ? 1 : 2;
                if (level == Missing || l < level) level = l;
            }
        }
        return level;
    }

    /// <summary>Equal length and one substituted character, or two neighbours swapped.</summary>
    internal static bool OneSlip(string a, string b) => Slip(a, b) != SlipKind.None;

    /// <summary>
    /// A one-character slip between two numbers of a kind both records hold that no issuing
    /// office makes between two people: two neighbours swapped (a number and the next one never
    /// differ that way), or one character substituted before the last two. Numbers handed out in
    /// sequence (twins' passports, siblings' cards made the same day) differ in their last
    /// character, or in their last two when a check character ends them, so a substitution
    /// there may be another person and proves nothing.
    /// </summary>
    public static bool TypingSlip((string Kind, string Number)[] a, (string Kind, string Number)[] b)
    {
        foreach (var (kind, number) in a)
            foreach (var (otherKind, other) in b)
                if (string.Equals(kind, otherKind, StringComparison.Ordinal) && Slip(number, other) is SlipKind.Swap or SlipKind.EarlySubstitution) return true;
        return false;
    }

    private enum SlipKind { None, Swap, EarlySubstitution, LateSubstitution }

    // Equal strings count as a slip of nothing (a late substitution: proves nothing more).
    private static SlipKind Slip(string a, string b)
    {
        if (a.Length != b.Length) return SlipKind.None;
        var differences = 0;
        var at = -1;
        for (var i = 0; i < a.Length && differences < 2; i++)
        {
            if (a[i] == b[i]) continue;
            differences++;
            at = i;
        }
        if (differences == 0) return SlipKind.LateSubstitution;
        if (differences == 1) return at < a.Length - 2 ? SlipKind.EarlySubstitution : SlipKind.LateSubstitution;
        return Transposed(a, b) ? SlipKind.Swap : SlipKind.None;
    }

    /// <summary>Exact; close (the same mailbox name at another provider, or a spelling slip); different.</summary>
    public static int EmailLevel(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return Missing;
        if (string.Equals(a, b, StringComparison.Ordinal)) return 0;
        var at = a.IndexOf('@', StringComparison.Ordinal);
        var bt = b.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && bt > 0 && at == bt && string.CompareOrdinal(a, 0, b, 0, at) == 0) return 1;
        return Text.JaroWinkler(a, b) >= 0.9 ? 1 : 2;
    }

    // Missing ranks between "variant" and "weak", so a swap is only chosen when it truly
    // explains the names better.
    private static double Rank(int level) => level == Missing ? 2.5 : level;

    public static int NameLevel(PreparedName a, PreparedName b)
    {
        if (a.IsEmpty || b.IsEmpty) return Missing;
        if (string.Equals(a.Compact, b.Compact, StringComparison.Ordinal) || string.Equals(a.Core, b.Core, StringComparison.Ordinal)) return 0;
        if (a.IsInitial || b.IsInitial)
        {
            // "B" for Bob, and so for Robert; the other name's first word is the one an initial abbreviates.
            var (initial, other) = a.IsInitial ? (a.Compact[0], b) : (b.Compact[0], a);
            return other.Compact[0] == initial || (other.Tokens.Length > 0 && Nicknames.MayBeInitialOf(initial, other.Tokens[0])) ? 3 : 4;
        }
        // Only the thresholds 0.75, 0.85 and 0.92 of the similarity matter: when a cheap upper
        // bound is under the lowest, 0 stands for it. Core is the very Compact string when a
        // name has no particle: one similarity then.
        var jw = Similarity(a.Compact, a.CompactSet, b.Compact, b.CompactSet, 0.75);
        if (!ReferenceEquals(a.Core, a.Compact) || !ReferenceEquals(b.Core, b.Compact)) jw = Math.Max(jw, Similarity(a.Core, a.CoreSet, b.Core, b.CoreSet, 0.75));
        var distinct = jw >= 0.85 && DistinctEndings(a.Core, b.Core);
        if (jw >= 0.92 && !distinct) return 1;
        // Two neighbouring letters swapped ("bne" / "ben"): Jaro's matching window is zero for
        // three letters, so the similarity cannot see it; a typist's slip, not another name.
        if (Transposed(a.Compact, b.Compact)) return 1;
        if (Overlaps(a.Keys, b.Keys)) return 2;
        if (SharesToken(a, b) || (jw >= 0.85 && !distinct)) return 2;
        var (shorter, longer) = a.Core.Length <= b.Core.Length ? (a.Core, b.Core) : (b.Core, a.Core);
        if (jw >= 0.75 || (shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal))) return 3;
        return 4;
    }

    /// <summary>
    /// Two names that start alike and then end in other letters (Darla / Darlene, Marie /
    /// Marianne, Anna / Annabelle, Abdelkader / Abdelaziz): what follows their common start is at
    /// least three edits apart and not the same letters reordered. That is another name built
    /// on the same start, not a slip or a transliteration, which change a letter or two; the
    /// Jaro-Winkler bonus for a shared start would otherwise rank them as close spellings.
    /// </summary>
    internal static bool DistinctEndings(string a, string b) => Endings(a, b) != EndingKind.Alike;

    /// <summary>
    /// <see cref="DistinctEndings"/> where neither name is the other's start (Mark / Marsha,
    /// Darla / Darlene, but not Alex / Alexandre, a short form): the names twins are given.
    /// </summary>
    internal static bool TwinNames(string a, string b) => Endings(a, b) == EndingKind.BothDiffer;

    private enum EndingKind { Alike, OneExtends, BothDiffer }

    private static EndingKind Endings(string a, string b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common < 2) return EndingKind.Alike;
        var x = a.AsSpan(common);
        var y = b.AsSpan(common);
        if (Text.EditDistance(x, y, 3) < 3 || Text.LettersApart(x, y) < 3) return EndingKind.Alike;
        return x.IsEmpty || y.IsEmpty ? EndingKind.OneExtends : EndingKind.BothDiffer;
    }

    private static bool Transposed(string a, string b)
    {
        if (a.Length != b.Length || a.Length < 3) return false;
        var first = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i]) continue;
            if (first >= 0) return i == first + 1 && a[first] == b[i] && a[i] == b[first] && string.CompareOrdinal(a, i + 1, b, i + 1, a.Length - i - 1) == 0;
            first = i;
        }
        return false;
    }

    // Jaro-Winkler, or 0 when it is certainly under the threshold.
    private static double Similarity(string a, ulong aSet, string b, ulong bSet, double threshold) =>
        Text.JaroWinklerBound(a, aSet, b, bSet) < threshold ? 0 : Text.JaroWinkler(a, b);

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

    /// <summary>Index of the date level "a generation apart" (the last one).</summary>
    public const int GenerationApart = 9;

    /// <summary>Dates of birth at least this many years apart (and not explained by a typo or a swap) are "a generation apart".</summary>
    public const int GenerationYears = 15;

    public static int DateLevel(PartialDate? x, PartialDate? y)
    {
        if (x is not { } a || y is not { } b) return Missing;
        if (a.IsComplete && b.IsComplete)
        {
            if (a == b) return 0;
            Span<char> sa = stackalloc char[8];
            Span<char> sb = stackalloc char[8];
            if (Text.OneTypoApart(Digits(a, sa), Digits(b, sb))) return 2;
            if (a.Year == b.Year && a.Day == b.Month && a.Month == b.Day) return 3;
            if (Math.Abs(a.Year - b.Year) == 1 && a.Month == b.Month && a.Day == b.Day) return 4;
            // Distance in days: the levels Splink uses (a month, a year, ten years) let the model
            // learn how noisy a source's dates are, and a gap of a generation (a parent and a
            // child of the same name) stays apart from plain noise.
            var days = Math.Abs(new DateOnly(a.Year, a.Month!.Value, a.Day!.Value).DayNumber - new DateOnly(b.Year, b.Month!.Value, b.Day!.Value).DayNumber);
            if (days <= 31) return 5;
            if (days <= 366) return 6;
            if (days <= 3660) return 7;
            return days < GenerationYears * 365 ? 8 : GenerationApart;
        }
        var monthOk = a.Month is null || b.Month is null || a.Month == b.Month;
        var dayOk = a.Day is null || b.Day is null || a.Day == b.Day;
        var years = Math.Abs(a.Year - b.Year);
        if (years == 0 && monthOk && dayOk) return 1;
        if (years == 1 && monthOk && dayOk) return 4;
        if (years <= 1) return 6;
        if (years <= 10) return 7;
        return years < GenerationYears ? 8 : GenerationApart;
    }

    // YYYYMMDD of a complete date without allocating ("{Year:D4}{Month:D2}{Day:D2}": a year
    // above 9999 cannot occur, PartialDate refuses it).
    private static ReadOnlySpan<char> Digits(PartialDate d, Span<char> buffer)
    {
        var y = d.Year;
        var m = d.Month.GetValueOrDefault();
        var day = d.Day.GetValueOrDefault();
        buffer[0] = (char)('0' + (y / 1000));
        buffer[1] = (char)('0' + (y / 100 % 10));
        buffer[2] = (char)('0' + (y / 10 % 10));
        buffer[3] = (char)('0' + (y % 10));
        buffer[4] = (char)('0' + (m / 10));
        buffer[5] = (char)('0' + (m % 10));
        buffer[6] = (char)('0' + (day / 10));
        buffer[7] = (char)('0' + (day % 10));
        return buffer;
    }

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
        var tokens = a.AddressTokens;
        for (var k = 0; k < tokens.Length; k++)
        {
            if (Array.IndexOf(b.AddressTokens, tokens[k]) < 0) continue;
            shared++;
            if (a.AddressTokenIsWord[k]) sharedWord = true;
        }
        var union = a.AddressTokens.Length + b.AddressTokens.Length - shared;
        if (union > 0 && (double)shared / union >= 0.5) return 1;
        var jw = Similarity(a.AddressCompact, a.AddressSet, b.AddressCompact, b.AddressSet, sharedWord ? 0.92 : 0.8);
        if (jw >= 0.92) return 1;
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

/// <summary>
/// <see cref="Comparator.NameLevel"/> remembered per pair of name instances. Names are shared
/// per spelling (<see cref="PreparedName.From"/>) and a register repeats a few thousand
/// spellings, so most comparisons of a large run meet a pair already seen. A fixed table of
/// 64-bit slots, each holding both ids and the level: a slot is written in one store, so
/// concurrent readers see either the old or the new pair, and a lost or overwritten slot only
/// costs a recomputation. The level is always the comparator's own.
/// </summary>
internal static class NameLevelCache
{
    private const int Bits = 20;
    private const int MaxId = (1 << 28) - 1;
    private static readonly ulong[] Slots = new ulong[1 << Bits];

    public static int Get(PreparedName a, PreparedName b)
    {
        if (a.IsEmpty || b.IsEmpty) return Comparator.Missing;
        if (a.Id > MaxId || b.Id > MaxId) return Comparator.NameLevel(a, b);
        var key = ((ulong)(uint)a.Id << 36) | ((ulong)(uint)b.Id << 8);
        var slot = (int)(((((ulong)(uint)a.Id * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)b.Id * 0xC2B2AE3D27D4EB4FUL)) * 0x165667B19E3779F9UL) >> (64 - Bits));
        var entry = Volatile.Read(ref Slots[slot]);
        if ((entry & ~0xFFUL) == key && (entry & 0xFF) != 0) return (int)(entry & 0xFF) - 2;
        var level = Comparator.NameLevel(a, b);
        Volatile.Write(ref Slots[slot], key | (uint)(level + 2));
        return level;
    }
}

/// <summary>How two records' names were paired for comparison.</summary>
internal enum NameArrangement
{
    /// <summary>Given name with given name, surname with surname.</summary>
    Straight,

    /// <summary>Given name and surname compared crosswise.</summary>
    Swapped,

    /// <summary>A full name of three words or more read as first word given name, the rest surname (<see cref="PreparedRecord.Resplit"/>).</summary>
    Resplit,
}
