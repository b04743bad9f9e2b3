using System.Collections;
using System.Globalization;

namespace Passerelle.Matching;

/// <summary>
/// Blocking: each record emits several keys and two records are compared when they share at
/// least one key (the rules are OR-ed). Each rule survives a different kind of error: a name
/// typo is caught by the date and postcode keys, a date typo by the name keys, swapped names by
/// the order-free name key.
/// </summary>
/// <remarks>
/// Adaptive blocks: a block of at most <see cref="SplitAbove"/> records is compared pair by
/// pair. A bigger block (a common name with a birth month, a street shared by a whole town, a
/// month-day with an initial in a register of a million) is split by a second attribute chosen
/// per rule (<see cref="SplitFamilyOf"/>): only records that also share that attribute are
/// compared, and a part still bigger than the limit is skipped. The limit depends on the kind
/// of key and on the input's size: inputs of up to 5,000 records keep every block of up to
/// <see cref="MaxBlockSize"/> whole and get exactly the pairs of plain blocking; a register of
/// a million gets a bounded number of pairs per record instead of a number that grows with its
/// size. Inside the engine keys are 64-bit hashes of the very strings <see cref="Keys"/>
/// returns (what <see cref="MatchKeys.For"/> hands to the app is unchanged), and pairs are
/// gathered record by record without a set of all pairs.
/// </remarks>
internal static class Blocking
{
    /// <summary>Keys shared by more records than this carry no signal for callers that look keys up (see <see cref="MatchKeys"/>).</summary>
    public const int MaxBlockSize = 2000;

    /// <summary>
    /// Per kind of key: blocks bigger than this are split by a second attribute, parts still
    /// bigger are skipped. Keys that pin a person down (both names, a full date, a name with a
    /// year or postcode) keep bigger blocks than the weak rescue keys (a name with a month, a
    /// month-day with an initial, street words).
    /// </summary>
    internal static readonly int[] SplitAboveByKind = Initial();

    /// <summary>Split size of the keys that pin a person down.</summary>
    internal const int StrongSplit = 16;

    /// <summary>Split size of the weak rescue keys.</summary>
    internal const int WeakSplit = 10;

    private static int[] Initial()
    {
        var limits = new int[(int)KindMask + 1];
        Array.Fill(limits, StrongSplit);
        foreach (var weak in new[] { Kind.Deletion, Kind.TokenMonth, Kind.MonthDay, Kind.TokenWord, Kind.Prefix3, Kind.AddressWords, Kind.YearAddress, Kind.Token })
            limits[(int)weak] = WeakSplit;
        return limits;
    }


    /// <summary>
    /// A small input can afford big blocks (all its pairs cost little): up to this many pairs
    /// in total, a block is split only above <see cref="MaxBlockSize"/> divided by the input's
    /// share of it. Inputs of up to 5,000 records are never split below 2,000, so they get
    /// exactly the pairs of plain blocking; from about 330,000 records on, the per-kind limits
    /// apply.
    /// </summary>
    internal const long SmallInputPairs = 10_000_000;

    /// <summary>
    /// Batch runs of up to this many records give every record its names and e-mail with one
    /// character deleted (<see cref="Kind.Deletion"/>, symmetric deletion). Past it, weak blocks
    /// are split at 20 records or fewer, so a common name's deletion blocks are mostly skipped:
    /// on 1,000,000 records those keys cost about 10 s and 0.5 GiB (measured A/B) for 0.04 points of recall.
    /// A record with a name missing keeps them at every size, as stored keys do.
    /// </summary>
    internal const int SlipKeysUpTo = 500_000;

    /// <summary>The split size of the block of this hash (the kind sits in the hash's low bits, <see cref="KindMask"/>) among <paramref name="population"/> records.</summary>
    public static int SplitAbove(ulong hash, int population) =>
        (int)Math.Max(SplitAboveByKind[(int)(hash & KindMask)], Math.Min(MaxBlockSize, SmallInputPairs / Math.Max(1, population)));

    /// <summary>The kind of a key: the rule that made it (the prefix of its string form).</summary>
    internal enum Kind : byte
    {
        NamePair,
        GivenYear,
        GivenPostcode,
        SurnameYear,
        SurnamePostcode,
        Token,
        TokenWord,
        TokenMonth,
        Prefix3,
        PostcodeWord,
        AddressWords,
        NumberPostcode,
        Prefix3Postcode,
        YearAddress,
        Date,
        MonthDay,
        Identifier,
        Email,
        Deletion,
    }

    /// <summary>The low bits of a key's hash that hold its <see cref="Kind"/>.</summary>
    internal const ulong KindMask = 31;

    private static readonly string[] Prefixes =
        ["n:", "gy:", "gp:", "sy:", "sp:", "t:", "tw:", "tm:", "p3:", "pa:", "aa:", "sn:", "x3:", "ya:", "d:", "md:", "id:", "em:", "dl:"];

    /// <summary>The record's distinct keys as strings (what <see cref="MatchKeys.For"/> hands to callers that store them).</summary>
    /// <param name="r">The record.</param>
    /// <param name="batch">True for the keys of batch dedupe and link (<see cref="Hashes"/>), in string form.</param>
    public static IEnumerable<string> Keys(PreparedRecord r, bool batch = false)
    {
        var sink = new StringSink(new HashSet<string>(StringComparer.Ordinal), batch, slips: batch);
        Emit(r, ref sink);
        return sink.Keys;
    }

    /// <summary>The record's distinct keys as 64-bit hashes of their strings, sorted, with the split attribute of each.</summary>
    /// <param name="r">The record.</param>
    /// <param name="batch">
    /// True in batch dedupe and link: a record with both names also gets each name's key alone
    /// (see <see cref="FromNameAlone"/>). False for the incremental index, whose keys are then
    /// exactly the stored ones.
    /// </param>
    /// <param name="slips">
    /// With <paramref name="batch"/>: names and e-mails with a character deleted for every record
    /// (otherwise only for a record with a name missing); false in batch runs of more than
    /// <see cref="SlipKeysUpTo"/> records.
    /// </param>
    public static KeySet Hashes(PreparedRecord r, bool batch = false, bool slips = true)
    {
        var buffer = hashBuffer ??= new HashBuffer();
        var sink = new HashSink(buffer, batch, slips && batch);
        buffer.Count = 0;
        Emit(r, ref sink);
        var count = buffer.Count;
        Array.Sort(buffer.Hashes, buffer.Kinds, 0, count);
        var distinct = 0;
        for (var x = 0; x < count; x++)
            if (distinct == 0 || buffer.Hashes[x] != buffer.Hashes[distinct - 1])
            {
                buffer.Hashes[distinct] = buffer.Hashes[x];
                buffer.Kinds[distinct++] = buffer.Kinds[x];
            }
        var hashes = buffer.Hashes.AsSpan(0, distinct).ToArray();
        var kinds = buffer.Kinds.AsSpan(0, distinct).ToArray();
        var secondary = new uint[distinct];
        for (var x = 0; x < distinct; x++) secondary[x] = SecondaryOf(kinds[x], r);
        return new KeySet(hashes, secondary, kinds);
    }

    [ThreadStatic]
    private static HashBuffer? hashBuffer;

    private sealed class HashBuffer
    {
        public ulong[] Hashes = new ulong[64];
        public Kind[] Kinds = new Kind[64];
        public int Count;

        public void Add(ulong hash, Kind kind)
        {
            if (Count == Hashes.Length)
            {
                Array.Resize(ref Hashes, Count * 2);
                Array.Resize(ref Kinds, Count * 2);
            }
            Hashes[Count] = hash;
            Kinds[Count++] = kind;
        }
    }

    /// <summary>Stable 64-bit hash of a key string, equal to the hashes <see cref="Hashes"/> gives.</summary>
    public static ulong Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var h = new KeyHash();
        h.Append(key);
        var kind = Array.IndexOf(Prefixes, key[..(key.IndexOf(':', StringComparison.Ordinal) + 1)]);
        return WithKind(h.Value, (Kind)kind);
    }

    private static ulong WithKind(ulong hash, Kind kind) => (hash & ~KindMask) | (ulong)kind;

    // One generator for both forms, so stored keys and in-memory blocking cannot drift apart.
    private static void Emit<TSink>(PreparedRecord r, ref TSink sink)
        where TSink : struct, IKeySink
    {
        Span<char> yearBuffer = stackalloc char[8];
        var yearLength = 0;
        if (r.DateOfBirth is { } born) born.Year.TryFormat(yearBuffer, out yearLength, default, CultureInfo.InvariantCulture);
        ReadOnlySpan<char> year = yearBuffer[..yearLength];
        var hasYear = yearLength > 0;
        var given = r.Given.Keys;
        var surname = r.Surname.Keys;
        foreach (var g in given)
        {
            foreach (var s in surname)
            {
                if (string.CompareOrdinal(g, s) <= 0) sink.Add(Kind.NamePair, g, s); // order-free: swapped names meet
                else sink.Add(Kind.NamePair, s, g);
            }
            if (hasYear) sink.Add(Kind.GivenYear, g, year);
            if (r.Postcode.Length > 0) sink.Add(Kind.GivenPostcode, g, r.Postcode);
        }
        foreach (var s in surname)
        {
            if (hasYear) sink.Add(Kind.SurnameYear, s, year);
            if (r.Postcode.Length > 0) sink.Add(Kind.SurnamePostcode, s, r.Postcode);
            // Swapped names with a year: the surname key may sit in the other's given-name slot.
            if (hasYear) sink.Add(Kind.GivenYear, s, year);
        }
        // A record with one name missing: that name's key alone, given and surname in one
        // namespace (also catches it written in the other slot). In batch dedupe and link every
        // record gets these keys, so that a record with a name missing meets the records that
        // have both whatever their dates say; two records that both have both names are paired
        // by them only when their initials agree too (<see cref="FromNameAlone"/>): a name plus
        // the other name's first letter survives a date years off and a mistyped other name.
        // Stored keys and the incremental index keep the old rule: a stored key is matched both
        // ways, and a common name would make every lookup scan its whole block.
        if (sink.Batch || given.Length == 0 || surname.Length == 0)
        {
            foreach (var k in given) sink.Add(Kind.Token, k);
            foreach (var k in surname) sink.Add(Kind.Token, k);
            // A slip that changes a name's key (a letter dropped, added, replaced, or two
            // swapped: Luas / Lucas, Theodroe / Theodore, Jnes / Jones) or letters moved
            // (nleaEor / Eleanor): each name's letters sorted, whole and with one letter
            // deleted, so two names one edit apart share a key (symmetric deletion, as
            // SymSpell). Same pairing rule as the names alone. For every record in batch runs
            // up to SlipKeysUpTo records; for a record with a name missing always.
            if (sink.Slips || given.Length == 0 || surname.Length == 0)
            {
                AddDeletions(ref sink, Kind.Deletion, r.Given.Compact, sorted: true);
                AddDeletions(ref sink, Kind.Deletion, r.Surname.Compact, sorted: true);
            }
        }
        // One name replaced or mistyped beyond its key and the date wrong too: the other name
        // with the first address word, or with the birth month.
        string? firstWord = null;
        string? secondWord = null;
        string? number = null;
        for (var t = 0; t < r.AddressTokens.Length; t++)
        {
            var token = r.AddressTokens[t];
            if (r.AddressTokenIsWord[t])
            {
                if (firstWord is null) firstWord = token;
                else secondWord ??= token;
            }
            if (number is null && PreparedRecord.IsNumber(token)) number = token;
        }
        Span<char> month = stackalloc char[2];
        var monthLength = 0;
        if (r.DateOfBirth?.Month is { } m) m.TryFormat(month, out monthLength, default, CultureInfo.InvariantCulture);
        for (var n = 0; n < given.Length + surname.Length; n++)
        {
            var k = n < given.Length ? given[n] : surname[n - given.Length];
            if (firstWord is not null) sink.Add(Kind.TokenWord, k, firstWord);
            if (monthLength > 0) sink.Add(Kind.TokenMonth, k, month[..monthLength]);
        }
        // Typos past the third letter in both names: order-free pair of three-letter prefixes.
        if (r.Given.Compact.Length >= 2 && r.Surname.Compact.Length >= 2)
        {
            var g3 = r.Given.Compact.AsSpan(0, Math.Min(3, r.Given.Compact.Length));
            var s3 = r.Surname.Compact.AsSpan(0, Math.Min(3, r.Surname.Compact.Length));
            if (g3.SequenceCompareTo(s3) <= 0) sink.Add(Kind.Prefix3, g3, s3);
            else sink.Add(Kind.Prefix3, s3, g3);
        }
        // Household keys: a record whose names were both mistyped still shares its address.
        if (firstWord is not null && r.Postcode.Length > 0) sink.Add(Kind.PostcodeWord, r.Postcode, firstWord);
        if (secondWord is not null) sink.Add(Kind.AddressWords, firstWord, secondWord);
        if (number is not null && r.Postcode.Length > 0) sink.Add(Kind.NumberPostcode, number, r.Postcode);
        if (r.Given.Compact.Length >= 3 && r.Postcode.Length > 0) sink.Add(Kind.Prefix3Postcode, r.Given.Compact.AsSpan(0, 3), r.Postcode);
        if (r.Surname.Compact.Length >= 3 && r.Postcode.Length > 0) sink.Add(Kind.Prefix3Postcode, r.Surname.Compact.AsSpan(0, 3), r.Postcode);
        // Both names mangled but the year kept: year plus the start of the address (a town
        // name in many files).
        if (hasYear && r.AddressCompact.Length >= 4) sink.Add(Kind.YearAddress, year, r.AddressCompact.AsSpan(0, 4));
        if (r.DateOfBirth is { IsComplete: true } d)
        {
            Span<char> date = stackalloc char[16];
            d.Year.TryFormat(date, out var length, default, CultureInfo.InvariantCulture);
            d.Month.GetValueOrDefault().TryFormat(date[length..], out var ml, "D2", CultureInfo.InvariantCulture);
            length += ml;
            d.Day.GetValueOrDefault().TryFormat(date[length..], out var dl, "D2", CultureInfo.InvariantCulture);
            length += dl;
            sink.Add(Kind.Date, date[..length]);
            // Year typos and day/month swaps: month-day set plus the first letter of either name.
            var (first, second) = d.Month < d.Day ? (d.Month.GetValueOrDefault(), d.Day.GetValueOrDefault()) : (d.Day.GetValueOrDefault(), d.Month.GetValueOrDefault());
            Span<char> md = stackalloc char[8];
            first.TryFormat(md, out var fl, default, CultureInfo.InvariantCulture);
            md[fl] = '-';
            second.TryFormat(md[(fl + 1)..], out var sl, default, CultureInfo.InvariantCulture);
            var mdText = md[..(fl + 1 + sl)];
            if (!r.Given.IsEmpty) sink.Add(Kind.MonthDay, mdText, r.Given.Compact.AsSpan(0, 1));
            if (!r.Surname.IsEmpty) sink.Add(Kind.MonthDay, mdText, r.Surname.Compact.AsSpan(0, 1));
        }
        // An identity number or an e-mail pins a person down whatever their names and dates say.
        foreach (var (kind, value) in r.Identifiers) sink.Add(Kind.Identifier, kind, value);
        if (r.Email.Length > 0)
        {
            sink.Add(Kind.Email, r.Email);
            // A slip in the mailbox name past its fourth letter: its start with the domain; a slip
            // in the domain: the mailbox name alone when it is long enough to say something; a
            // slip in both: the start of each.
            var at = r.Email.IndexOf('@', StringComparison.Ordinal);
            if (at >= 4 && at < r.Email.Length - 3)
            {
                sink.Add(Kind.Email, r.Email.AsSpan(0, 4), r.Email.AsSpan(at + 1));
                sink.Add(Kind.Email, r.Email.AsSpan(0, 4), r.Email.AsSpan(at, 4));
            }
            if (at >= 4) sink.Add(Kind.Email, r.Email.AsSpan(0, at), "@");
            // A slip anywhere in the address (a letter dropped, added, replaced, two swapped):
            // the address with one character deleted, as for names.
            if (sink.Slips) AddDeletions(ref sink, Kind.Email, r.Email, 6, 48);
            // Slips in both the mailbox name and the domain (haoleyk@hrustonnet /
            // harleyk@houston.net): the mailbox name with one character deleted, when it is
            // long enough to say something.
            if (sink.Slips && at is >= 5 and <= 24)
            {
                Span<char> mailbox = stackalloc char[at + 1];
                r.Email.AsSpan(0, at + 1).CopyTo(mailbox);
                AddDeletions(ref sink, Kind.Email, mailbox, 6, 25);
            }
        }
    }

    // The value whole and with each character deleted in turn, so that two values one edit
    // apart share a key (symmetric deletion); nothing outside [min, max] characters.
    // With sorted, the value's letters in order first, so that letters moved anywhere (nleaEor /
    // Eleanor, JkJcason / Jackson) meet as well: this finds every pair the unsorted form finds.
    private static void AddDeletions<TSink>(ref TSink sink, Kind kind, ReadOnlySpan<char> value, int min = 4, int max = 24, bool sorted = false)
        where TSink : struct, IKeySink
    {
        if (value.Length < min || value.Length > max) return;
        Span<char> letters = stackalloc char[value.Length];
        value.CopyTo(letters);
        if (sorted) letters.Sort();
        Span<char> buffer = stackalloc char[value.Length];
        sink.Add(kind, letters);
        for (var x = 0; x < letters.Length; x++)
        {
            if (x > 0 && letters[x] == letters[x - 1]) continue; // the same variant as the character before
            letters[..x].CopyTo(buffer);
            letters[(x + 1)..].CopyTo(buffer[x..]);
            sink.Add(kind, buffer[..(letters.Length - 1)]);
        }
    }

    /// <summary>
    /// The attribute that splits an oversized block of this kind: the birth year for keys made
    /// of names alone (a common name), the day of birth for a name with a birth month, the
    /// order-free pair of initials otherwise (typos seldom touch a first letter). Missing
    /// values form their own part.
    /// </summary>
    internal static uint SecondaryOf(Kind kind, PreparedRecord r) => SplitValue(SplitFamilyOf(kind), r);

    /// <summary>Which attribute splits blocks of this kind: 0 birth year, 1 day of birth, 2 initials.</summary>
    internal static int SplitFamilyOf(Kind kind) => kind switch
    {
        Kind.NamePair or Kind.Token or Kind.Deletion or Kind.Prefix3 or Kind.Prefix3Postcode => 0,
        Kind.TokenMonth => 1,
        _ => 2,
    };

    /// <summary>The value of a split attribute (<see cref="SplitFamilyOf"/>) for a record; 0 when missing.</summary>
    internal static uint SplitValue(int family, PreparedRecord r) => family switch
    {
        0 => (uint)(r.DateOfBirth?.Year ?? 0),
        1 => (uint)(r.DateOfBirth?.Day ?? 0),
        _ => Initials(r),
    };

    private static uint Initials(PreparedRecord r)
    {
        uint g = r.Given.IsEmpty ? 0u : r.Given.Compact[0];
        uint s = r.Surname.IsEmpty ? 0u : r.Surname.Compact[0];
        return g <= s ? (g << 16) | s : (s << 16) | g;
    }

    /// <summary>
    /// A block made by a name alone (<see cref="Kind.Token"/>, <see cref="Kind.Deletion"/>): it pairs two records when
    /// one lacks a name, or when both have both names with the same pair of initials (one name
    /// agrees by key, the other at least by its first letter, in either order).
    /// </summary>
    internal static bool FromNameAlone(ulong hash) => (hash & KindMask) is (ulong)Kind.Token or (ulong)Kind.Deletion;

    /// <summary>
    /// Whether two records that both have both names and share a key made by one name alone are
    /// worth comparing: their initials agree in either order, or each name holds nearly the
    /// letters of one of the other's, <see cref="LettersClose"/> (a first letter mistyped, added
    /// or moved: eKelly / Kelly, bJacob / Jacob, serguFon / Ferguson). Two strangers who share a
    /// surname seldom pass, as their given names have different letters.
    /// </summary>
    internal static bool NamesAgree(PreparedRecord a, PreparedRecord b)
    {
        if (Initials(a) == Initials(b)) return true;
        return (LettersClose(a.Given.Compact, b.Given.Compact) && LettersClose(a.Surname.Compact, b.Surname.Compact))
            || (LettersClose(a.Given.Compact, b.Surname.Compact) && LettersClose(a.Surname.Compact, b.Given.Compact));
    }

    /// <summary>
    /// Dice of the two names' letters, each counted as often as it occurs, at least 0.8 (the
    /// letters one has and the other lacks are at most a fifth of all): Mia / Mi, Harry /
    /// rarHry, Adsrews / Andrews, but not Anna / Nina.
    /// </summary>
    internal static bool LettersClose(string a, string b) =>
        a.Length > 0 && b.Length > 0 && 5 * Text.LettersApart(a, b) <= a.Length + b.Length;

    /// <summary>Given name and surname both recorded.</summary>
    internal static bool HasBothNames(PreparedRecord r) => !r.Given.IsEmpty && !r.Surname.IsEmpty;

    /// <summary>Distinct candidate pairs (i &lt; j) within one list, in the order of i.</summary>
    public static PairList DedupePairs(IReadOnlyList<PreparedRecord> records)
    {
        var keys = new KeySet[records.Count];
        var slips = records.Count <= SlipKeysUpTo;
        Parallel.For(0, records.Count, i => keys[i] = Hashes(records[i], batch: true, slips));
        var index = BlockIndex.Build(keys);
        var ranges = index.RangesByRecord(records.Count);

        // Each record gathers its partners of higher index from its blocks and drops repeats with
        // a stamp array of its worker: no set of all pairs, and the output order is fixed.
        var chunk = Math.Max(1024, records.Count / 256);
        var chunks = (records.Count + chunk - 1) / chunk;
        var parts = new long[chunks][];
        Parallel.For(
            0,
            chunks,
            () => new int[records.Count],
            (c, _, stamp) =>
            {
                var output = new List<long>();
                var end = Math.Min(records.Count, (c + 1) * chunk);
                for (var i = c * chunk; i < end; i++)
                {
                    var first = output.Count;
                    var complete = HasBothNames(records[i]);
                    for (var k = ranges.Start[i]; k < ranges.Start[i + 1]; k++)
                    {
                        var (from, to) = ranges.Ranges[k];
                        var nameAlone = complete && FromNameAlone(index.Entries[from].Hash);
                        for (var e = from; e < to; e++)
                        {
                            var j = index.Entries[e].Record;
                            if (j <= i || stamp[j] == i + 1) continue;
                            if (nameAlone && HasBothNames(records[j]) && !NamesAgree(records[i], records[j])) continue;
                            stamp[j] = i + 1;
                            output.Add(((long)i << 32) | (uint)j);
                        }
                    }
                    // Partners by index: the same list whatever the threads did.
                    output.Sort(first, output.Count - first, null);
                }
                parts[c] = [.. output];
                return stamp;
            },
            _ => { });
        return new PairList(parts);
    }

    /// <summary>Distinct candidate pairs (left index, right index) across two lists, in the order of the left index.</summary>
    public static PairList LinkPairs(IReadOnlyList<PreparedRecord> left, IReadOnlyList<PreparedRecord> right)
    {
        var rightKeys = new KeySet[right.Count];
        var slips = (long)left.Count + right.Count <= SlipKeysUpTo;
        Parallel.For(0, right.Count, j => rightKeys[j] = Hashes(right[j], batch: true, slips));
        var index = BlockIndex.Build(rightKeys, lookups: true);
        var chunk = Math.Max(256, left.Count / 256);
        var chunks = (left.Count + chunk - 1) / chunk;
        var parts = new long[chunks][];
        Parallel.For(
            0,
            chunks,
            () => new int[right.Count],
            (c, _, stamp) =>
            {
                var output = new List<long>();
                var end = Math.Min(left.Count, (c + 1) * chunk);
                for (var i = c * chunk; i < end; i++)
                {
                    var keys = Hashes(left[i], batch: true, slips);
                    var first = output.Count;
                    var complete = HasBothNames(left[i]);
                    for (var k = 0; k < keys.Hashes.Length; k++)
                    {
                        var (from, to) = index.Find(keys.Hashes[k], keys.Secondary[k]);
                        var nameAlone = complete && FromNameAlone(keys.Hashes[k]);
                        for (var e = from; e < to; e++)
                        {
                            var j = index.Entries[e].Record;
                            if (stamp[j] == i + 1) continue;
                            if (nameAlone && HasBothNames(right[j]) && !NamesAgree(left[i], right[j])) continue;
                            stamp[j] = i + 1;
                            output.Add(((long)i << 32) | (uint)j);
                        }
                    }
                    output.Sort(first, output.Count - first, null);
                }
                parts[c] = [.. output];
                return stamp;
            },
            _ => { });
        return new PairList(parts);
    }

    private interface IKeySink
    {
        /// <summary>True for the hashes of batch dedupe and link, false for the incremental index and the stored strings.</summary>
        bool Batch { get; }

        /// <summary>True when every record gets its names and e-mail with a character deleted (<see cref="SlipKeysUpTo"/>).</summary>
        bool Slips { get; }

        void Add(Kind kind, ReadOnlySpan<char> a);

        void Add(Kind kind, ReadOnlySpan<char> a, ReadOnlySpan<char> b);
    }

    private readonly struct StringSink(HashSet<string> keys, bool batch, bool slips) : IKeySink
    {
        public HashSet<string> Keys { get; } = keys;

        public bool Batch => batch;

        public bool Slips => slips;

        public void Add(Kind kind, ReadOnlySpan<char> a) => Keys.Add(string.Concat(Prefixes[(int)kind], a));

        public void Add(Kind kind, ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
            Keys.Add(string.Concat(Prefixes[(int)kind], a, "|", b));
    }

    private readonly struct HashSink(HashBuffer keys, bool batch, bool slips) : IKeySink
    {
        public bool Batch => batch;

        public bool Slips => slips;

        public void Add(Kind kind, ReadOnlySpan<char> a)
        {
            var h = new KeyHash();
            h.Append(Prefixes[(int)kind]);
            h.Append(a);
            keys.Add(WithKind(h.Value, kind), kind);
        }

        public void Add(Kind kind, ReadOnlySpan<char> a, ReadOnlySpan<char> b)
        {
            var h = new KeyHash();
            h.Append(Prefixes[(int)kind]);
            h.Append(a);
            h.Append("|");
            h.Append(b);
            keys.Add(WithKind(h.Value, kind), kind);
        }
    }

    // FNV-1a over the UTF-16 code units, then a 64-bit finaliser so that every bit is mixed
    // (the top bits partition the sort).
    private struct KeyHash
    {
        private ulong state;
        private bool started;

        public void Append(ReadOnlySpan<char> text)
        {
            if (!started)
            {
                state = 14695981039346656037UL;
                started = true;
            }
            foreach (var c in text)
            {
                state ^= c;
                state *= 1099511628211UL;
            }
        }

        public readonly ulong Value
        {
            get
            {
                var z = started ? state : 14695981039346656037UL;
                z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
                z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
                return z ^ (z >> 31);
            }
        }
    }
}

/// <summary>A record's distinct key hashes (sorted) and, for each, the value of the attribute that splits an oversized block and the key's kind.</summary>
internal sealed record KeySet(ulong[] Hashes, uint[] Secondary, Blocking.Kind[] Kinds);

/// <summary>One record's membership of one block.</summary>
internal readonly record struct BlockEntry(ulong Hash, uint Secondary, int Record);

/// <summary>
/// Every record's keys sorted by (hash, split attribute, record): a block is a run of one hash,
/// its parts are runs of one attribute inside it.
/// </summary>
internal sealed class BlockIndex
{
    private readonly Dictionary<ulong, (int Start, int End)>? blocks;

    private readonly int population;

    private BlockIndex(BlockEntry[] entries, int population, bool lookups)
    {
        Entries = entries;
        this.population = population;
        if (!lookups) return;
        blocks = [];
        var e = 0;
        while (e < entries.Length)
        {
            var end = e + 1;
            while (end < entries.Length && entries[end].Hash == entries[e].Hash) end++;
            blocks[entries[e].Hash] = (e, end);
            e = end;
        }
    }

    public BlockEntry[] Entries { get; }

    /// <summary>Sorts the entries of all records; <paramref name="lookups"/> adds a table from hash to block for <see cref="Find"/>.</summary>
    public static BlockIndex Build(KeySet[] keys, bool lookups = false)
    {
        // Scatter by the top byte of the hash, then sort the 256 parts on every core.
        var counts = new int[257];
        foreach (var k in keys)
            foreach (var h in k.Hashes) counts[(int)(h >> 56) + 1]++;
        for (var b = 1; b <= 256; b++) counts[b] += counts[b - 1];
        var entries = new BlockEntry[counts[256]];
        var cursor = (int[])counts.Clone();
        for (var r = 0; r < keys.Length; r++)
        {
            var k = keys[r];
            for (var x = 0; x < k.Hashes.Length; x++)
                entries[cursor[(int)(k.Hashes[x] >> 56)]++] = new BlockEntry(k.Hashes[x], k.Secondary[x], r);
        }
        Parallel.For(0, 256, b => entries.AsSpan(counts[b], counts[b + 1] - counts[b]).Sort(default(EntryOrder)));
        return new BlockIndex(entries, keys.Length, lookups);
    }

    private readonly struct EntryOrder : IComparer<BlockEntry>
    {
        public int Compare(BlockEntry x, BlockEntry y)
        {
            var c = x.Hash.CompareTo(y.Hash);
            if (c != 0) return c;
            c = x.Secondary.CompareTo(y.Secondary);
            return c != 0 ? c : x.Record.CompareTo(y.Record);
        }
    }

    /// <summary>The entries to compare with a record that has this key: the whole block, its part for this attribute, or nothing.</summary>
    public (int From, int To) Find(ulong hash, uint secondary)
    {
        if (blocks is null || !blocks.TryGetValue(hash, out var block)) return (0, 0);
        var (start, end) = block;
        var limit = Blocking.SplitAbove(hash, population);
        if (end - start <= limit) return (start, end);
        var from = LowerBound(start, end, secondary);
        var to = LowerBound(from, end, secondary + 1);
        if (secondary == uint.MaxValue) to = end;
        return to - from <= limit ? (from, to) : (0, 0);
    }

    // First entry in [start, end) whose attribute is at least this value.
    private int LowerBound(int start, int end, uint secondary)
    {
        while (start < end)
        {
            var mid = start + ((end - start) / 2);
            if (Entries[mid].Secondary < secondary) start = mid + 1;
            else end = mid;
        }
        return start;
    }

    /// <summary>For each record, the entry ranges holding the records it is compared with (CSR form).</summary>
    public (int[] Start, (int From, int To)[] Ranges) RangesByRecord(int records)
    {
        var count = new int[records + 1];
        Walk((record, _, _) => count[record + 1]++);
        for (var i = 0; i < records; i++) count[i + 1] += count[i];
        var ranges = new (int, int)[count[records]];
        var cursor = (int[])count.Clone();
        Walk((record, from, to) => ranges[cursor[record]++] = (from, to));
        return (count, ranges);
    }

    // Every (record, range) of a block or block part with at least two records.
    private void Walk(Action<int, int, int> visit)
    {
        var e = 0;
        while (e < Entries.Length)
        {
            var end = e + 1;
            while (end < Entries.Length && Entries[end].Hash == Entries[e].Hash) end++;
            var limit = Blocking.SplitAbove(Entries[e].Hash, population);
            if (end - e <= limit)
            {
                if (end - e >= 2)
                    for (var x = e; x < end; x++) visit(Entries[x].Record, e, end);
            }
            else
            {
                var p = e;
                while (p < end)
                {
                    var q = p + 1;
                    while (q < end && Entries[q].Secondary == Entries[p].Secondary) q++;
                    if (q - p >= 2 && q - p <= limit)
                        for (var x = p; x < q; x++) visit(Entries[x].Record, p, q);
                    p = q;
                }
            }
            e = end;
        }
    }
}

/// <summary>Candidate pairs packed as (left &lt;&lt; 32 | right) in chunks, read as (Left, Right).</summary>
internal sealed class PairList : IReadOnlyList<(int Left, int Right)>
{
    private readonly long[][] parts;
    private readonly int[] offsets;

    public PairList(long[][] parts)
    {
        this.parts = parts;
        offsets = new int[parts.Length + 1];
        for (var p = 0; p < parts.Length; p++) offsets[p + 1] = checked(offsets[p] + parts[p].Length);
    }

    public int Count => offsets[^1];

    public (int Left, int Right) this[int index]
    {
        get
        {
            var p = Array.BinarySearch(offsets, index);
            if (p < 0) p = ~p - 1;
            while (p + 1 < offsets.Length - 1 && offsets[p + 1] <= index) p++;
            var packed = parts[p][index - offsets[p]];
            return ((int)(packed >> 32), (int)packed);
        }
    }

    /// <summary>The chunks, for loops that read every pair.</summary>
    public IReadOnlyList<long[]> Parts => parts;

    public IEnumerator<(int Left, int Right)> GetEnumerator()
    {
        foreach (var part in parts)
            foreach (var packed in part) yield return ((int)(packed >> 32), (int)packed);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
