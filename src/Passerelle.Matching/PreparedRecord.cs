using System.Collections.Frozen;

namespace Passerelle.Matching;

/// <summary>A name normalised once so that every comparison reuses the work.</summary>
internal sealed class PreparedName
{
    public static readonly PreparedName Empty = new("", "", [], [], false);

    private PreparedName(string compact, string core, string[] tokens, string[] keys, bool isInitial)
    {
        Compact = compact;
        Core = core;
        Id = Interlocked.Increment(ref lastId);
        CompactSet = Text.CharacterSet(compact);
        CoreSet = Text.CharacterSet(core);
        Tokens = tokens;
        Keys = keys;
        IsInitial = isInitial;
    }

    private static int lastId;

    /// <summary>Unique per instance (instances are immutable): lets comparators remember results per pair of names.</summary>
    public int Id { get; }

    /// <summary>All tokens joined without spaces: "Ben Ali" and "Benali" are equal.</summary>
    public string Compact { get; }

    /// <summary>Tokens without particles joined: "de la Fontaine" meets "Fontaine".</summary>
    public string Core { get; }

    /// <summary>Characters of <see cref="Compact"/> (<see cref="Text.CharacterSet"/>).</summary>
    public ulong CompactSet { get; }

    /// <summary>Characters of <see cref="Core"/>.</summary>
    public ulong CoreSet { get; }

    public string[] Tokens { get; }

    /// <summary>Transliteration keys (<see cref="NameKey"/>).</summary>
    public string[] Keys { get; }

    /// <summary>A lone letter such as "B" for Bob.</summary>
    public bool IsInitial { get; }

    public bool IsEmpty => Compact.Length == 0;

    /// <param name="tokens">The folded tokens of the name.</param>
    /// <param name="isSurname">Surname keys (female forms) or given-name keys (short forms).</param>
    /// <param name="raw">The name as written: when it is in Arabic or Khmer script, its keys are those of the Latin spellings its letters allow (<see cref="ArabicScript.Keys"/>, <see cref="KhmerScript.Keys"/>).</param>
    public static PreparedName From(string[] tokens, bool isSurname, string? raw = null)
    {
        if (tokens.Length == 0) return Empty;
        // Written in a script whose keys are those of the Latin spellings its letters allow.
        var written = ArabicScript.Contains(raw) || KhmerScript.Contains(raw);
        // A register repeats names: one shared, immutable instance per spelling.
        var cache = isSurname ? SurnameCache : GivenCache;
        var key = tokens.Length == 1 && !written ? tokens[0] : (written ? "\u0001" + raw : "") + string.Join(' ', tokens);
        if (cache.TryGetValue(key, out var cached)) return cached;
        var name = Build(tokens, isSurname, written ? raw : null);
        if (cache.Count < MaxCached) cache.TryAdd(key, name);
        return name;
    }

    private const int MaxCached = 500_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PreparedName> GivenCache = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PreparedName> SurnameCache = new(StringComparer.Ordinal);

    /// <summary>Keys per name at most, once short forms add their full forms' keys.</summary>
    private const int MaxNameKeys = 8;

    private static PreparedName Build(string[] list, bool isSurname, string? written)
    {
        var compact = string.Concat(list);
        var hasParticle = false;
        foreach (var t in list) hasParticle |= Text.IsParticle(t);
        var core = compact;
        if (hasParticle)
        {
            var coreTokens = list.Where(t => !Text.IsParticle(t)).ToArray();
            core = coreTokens.Length == 0 ? compact : string.Concat(coreTokens);
            // One string when they are equal, so that comparators can skip the second similarity.
            if (string.Equals(core, compact, StringComparison.Ordinal)) core = compact;
        }
        var keys = written is null ? NameKey.Of(core, isSurname)
            : KhmerScript.Contains(written) && !ArabicScript.Contains(written) ? KhmerScript.Keys(written, isSurname)
            : ArabicScript.Keys(written, isSurname);
        if (written is null && !string.Equals(core, compact, StringComparison.Ordinal)) keys = [.. keys.Union(NameKey.Of(compact, isSurname))];
        if (!isSurname && written is null)
        {
            // An unstressed ending written or not: Alexander / Aleksandr / Alyaksandr, Alexandre,
            // Peter / Petr. The keys of the name with that vowel dropped are added.
            if (MuteEndingDropped(list) is { } dropped && keys.Length < MaxNameKeys) keys = [.. keys.Union(NameKey.Of(dropped, isSurname: false))];
            // A short form also carries the keys of its full forms (Bob: Robert's).
            foreach (var token in list)
            {
                if (Text.IsParticle(token)) continue;
                foreach (var full in Nicknames.FullFormsOf(token))
                    if (keys.Length < MaxNameKeys) keys = [.. keys.Union(NameKey.Of(full, isSurname: false))];
            }
        }
        return new PreparedName(compact, core, list, keys, compact.Length == 1);
    }

    // The name's core with each "-er" or "-re" after a consonant, at the end of a word of five
    // letters or more, cut to "-r"; null when no word ends so.
    internal static string? MuteEndingDropped(string[] tokens)
    {
        string? result = null;
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.Length < 5 || Text.IsParticle(token)) continue;
            var er = token.EndsWith("er", StringComparison.Ordinal);
            if (!er && !token.EndsWith("re", StringComparison.Ordinal)) continue;
            if (token[^3] is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'r') continue;
            var cut = er ? string.Concat(token.AsSpan(0, token.Length - 2), "r") : token[..^1];
            result = string.Concat(tokens.Take(t).Concat([cut]).Concat(tokens.Skip(t + 1)).Where(x => !Text.IsParticle(x)));
            tokens = [.. tokens.Take(t), cut, .. tokens.Skip(t + 1)];
        }
        return result;
    }
}

/// <summary>A record with every field normalised, ready for blocking and comparison.</summary>
internal sealed class PreparedRecord
{
    public PreparedRecord(MatchRecord source)
    {
        Source = source;
        var given = Text.Tokens(Text.Fold(source.GivenName));
        var surname = Text.Tokens(Text.Fold(source.Surname));
        // The names as written, for the keys of a name in Arabic script.
        var rawGiven = source.GivenName;
        var rawSurname = source.Surname;
        string[]? resplit = null;
        if (given.Length == 0 && surname.Length == 0)
        {
            // Full name only: the last token is taken as surname; the swap check in the
            // comparator copes with "SURNAME Given" order.
            // "SURNAME, Given" (a comma) states the order explicitly.
            var fullName = source.FullName ?? "";
            var comma = fullName.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0)
            {
                surname = Text.Tokens(Text.Fold(fullName[..comma]));
                rawSurname = fullName[..comma];
                fullName = fullName[(comma + 1)..];
            }
            var full = Text.Tokens(Text.Fold(fullName));
            rawGiven = fullName;
            if (comma > 0) given = full;
            else
            if (full.Length == 1)
            {
                surname = full;
                (rawSurname, rawGiven) = (fullName, null);
            }
            else if (full.Length > 1 && comma <= 0)
            {
                given = full[..^1];
                surname = [full[^1]];
                // Three words or more: a middle name or a compound surname, the text cannot tell
                // ("Susan Meyer Thomas", "Maria da Silva Santos"); the comparator tries both.
                if (full.Length >= 3) resplit = full;
                var words = fullName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                (rawGiven, rawSurname) = words.Length == full.Length ? (string.Join(' ', words[..^1]), words[^1]) : (null, null);
            }
        }
        // Drop generational suffixes that clerks put in the surname field (Smith Jr), but keep
        // which generation they state: Jr and Sr are two people.
        Generation = GenerationOf(surname) ?? GenerationOf(given);
        TrailingI = (given.Length >= 2 && given[^1] == "i") || (surname.Length >= 2 && surname[^1] == "i");
        surname = WithoutSuffixes(surname);
        given = WithoutSuffixes(given);
        Given = PreparedName.From(given, isSurname: false, rawGiven);
        Surname = PreparedName.From(surname, isSurname: true, rawSurname);
        if (resplit is { } other)
        {
            var otherSurname = WithoutSuffixes(other[1..]);
            if (otherSurname.Length > 0) Resplit = (PreparedName.From([other[0]], isSurname: false), PreparedName.From(otherSurname, isSurname: true));
        }
        DateOfBirth = source.DateOfBirth;
        Place = Text.Fold(source.PlaceOfBirth).Replace(" ", "", StringComparison.Ordinal);
        PlaceKeys = NameKey.Of(Place, isSurname: false);
        var address = Text.Fold(source.Address);
        AddressCompact = address.Replace(" ", "", StringComparison.Ordinal);
        AddressSet = Text.CharacterSet(AddressCompact);
        AddressTokens = Distinct(Text.Tokens(address));
        AddressTokenIsWord = new bool[AddressTokens.Length];
        for (var k = 0; k < AddressTokens.Length; k++) AddressTokenIsWord[k] = IsWord(AddressTokens[k]);
        Postcode = Text.Fold(source.Postcode).Replace(" ", "", StringComparison.Ordinal);
        Sex = NormaliseSex(source.Sex);
        Identifiers = NormaliseIdentifiers(source.Identifiers);
        Email = NormaliseEmail(source.Email);
        Phone = NormalisePhone(source.Phone);
    }

    /// <summary>Identity numbers as (kind, number): kind folded, number in capitals without separators.</summary>
    public (string Kind, string Number)[] Identifiers { get; }

    /// <summary>E-mail in lower case; empty when missing or without an @.</summary>
    public string Email { get; }

    /// <summary>Last nine digits of the phone number (so +33 6… and 06… meet); empty when under six digits.</summary>
    public string Phone { get; }

    /// <summary>Shortest number kept: a shorter one is a placeholder ("0", "n/a"), not an identifier.</summary>
    internal const int MinIdentifierLength = 4;

    private static (string Kind, string Number)[] NormaliseIdentifiers(IReadOnlyList<PersonIdentifier>? identifiers)
    {
        if (identifiers is null || identifiers.Count == 0) return [];
        var list = new List<(string, string)>(identifiers.Count);
        foreach (var identifier in identifiers)
        {
            var kind = Text.Fold(identifier.Kind);
            var number = new string([.. (identifier.Number ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
            if (kind.Length > 0 && number.Length >= MinIdentifierLength && !IsPlaceholder(number) && !list.Contains((kind, number))) list.Add((kind, number));
        }
        return [.. list];
    }

    /// <summary>
    /// A filler typed where the number is unknown ("000000000", "XXXXXX", "123456789"): shared by
    /// strangers, it must never count as agreement, let alone lift a veto.
    /// </summary>
    private static bool IsPlaceholder(string number)
    {
        var same = true;
        var ascending = true;
        for (var i = 1; i < number.Length; i++)
        {
            same &= number[i] == number[0];
            ascending &= number[i] == number[i - 1] + 1;
        }
        return same || ascending;
    }

    // "Jay Jones" <jjones@example.com> keeps only the address; no @, no e-mail.
    private static string NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "";
        var open = email.LastIndexOf('<');
        var close = email.LastIndexOf('>');
        if (open >= 0 && close > open) email = email[(open + 1)..close];
        email = email.Trim().ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0) return "";
        // A role mailbox (info@, contact@, accueil@…) is an office's or a service's, shared by
        // everyone who writes from it: it says nothing about who a person is.
        return RoleMailboxes.Contains(email[..at]) ? "" : email;
    }

    /// <summary>Mailbox names that belong to a role, not a person (RFC 2142's, and common English and French ones).</summary>
    internal static readonly FrozenSet<string> RoleMailboxes = new[]
    {
        "info", "infos", "information", "contact", "contacts", "admin", "administration", "administrator", "office",
        "sales", "support", "help", "helpdesk", "hello", "mail", "email", "enquiries", "enquiry", "inquiries",
        "noreply", "no-reply", "donotreply", "postmaster", "webmaster", "hostmaster", "abuse", "security",
        "accueil", "secretariat", "secretariat.general", "direction", "service", "services", "team", "staff", "hr", "rh",
        "billing", "accounts", "accounting", "compta", "comptabilite", "finance", "marketing", "newsletter",
        "reception", "bureau", "courrier", "standard", "communication", "presse", "press", "jobs", "recrutement",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static string NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return "";
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length < 6 ? "" : digits.Length > 9 ? digits[^9..] : digits;
    }

    public MatchRecord Source { get; }
    public PreparedName Given { get; }
    public PreparedName Surname { get; }

    /// <summary>
    /// For a record known by a full name of three words or more, without a comma: the other
    /// reading, first word as given name and the rest as surname (the first reading takes the
    /// last word as surname); null otherwise.
    /// </summary>
    public (PreparedName Given, PreparedName Surname)? Resplit { get; }
    public PartialDate? DateOfBirth { get; }
    public string Place { get; }
    public string[] PlaceKeys { get; }
    public string AddressCompact { get; }

    /// <summary>Characters of <see cref="AddressCompact"/> (<see cref="Text.CharacterSet"/>).</summary>
    public ulong AddressSet { get; }
    public string[] AddressTokens { get; }

    /// <summary>Per address token: at least three characters and not all digits (a street or town word).</summary>
    public bool[] AddressTokenIsWord { get; }
    public string Postcode { get; }
    public char Sex { get; }

    /// <summary>A generational suffix ("jr", "sr", "ii", "iii", "iv"), null when none.</summary>
    public string? Generation { get; }

    /// <summary>A name that ends with a lone "I": a roman numeral when the other record says "II".</summary>
    public bool TrailingI { get; }

    private static bool IsSuffix(string t) => t is "jr" or "junior" or "sr" or "senior" or "ii" or "iii" or "iv";

    private static string? GenerationOf(string[] tokens)
    {
        foreach (var t in tokens)
        {
            switch (t)
            {
                case "jr" or "junior": return "jr";
                case "sr" or "senior": return "sr";
                case "ii" or "iii" or "iv": return t;
            }
        }
        return null;
    }

    /// <summary>
    /// Both records state a generation and they differ (Jr / Sr, II / III), or one says "II"
    /// (or III, IV) and the other ends with a lone "I".
    /// </summary>
    public static bool GenerationsDiffer(PreparedRecord a, PreparedRecord b)
    {
        if (a.Generation is null && b.Generation is null) return false;
        if (a.Generation is not null && b.Generation is not null) return !string.Equals(a.Generation, b.Generation, StringComparison.Ordinal);
        var (stated, other) = a.Generation is not null ? (a, b) : (b, a);
        return stated.Generation is "ii" or "iii" or "iv" && other.TrailingI;
    }

    private static string[] WithoutSuffixes(string[] tokens)
    {
        foreach (var t in tokens)
            if (IsSuffix(t)) return tokens.Where(x => !IsSuffix(x)).ToArray();
        return tokens;
    }

    // First occurrences in order (as Enumerable.Distinct), without a set for a handful of tokens.
    private static string[] Distinct(string[] tokens)
    {
        for (var i = 1; i < tokens.Length; i++)
            if (Array.IndexOf(tokens, tokens[i], 0, i) >= 0) return [.. tokens.Distinct(StringComparer.Ordinal)];
        return tokens;
    }

    /// <summary>At least three characters and not all digits: a word of a street or town name, not a number.</summary>
    public static bool IsWord(string token) => token.Length >= 3 && !IsNumber(token);

    /// <summary>Digits only (a house number).</summary>
    public static bool IsNumber(string token)
    {
        foreach (var c in token)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    // French forms (H/homme, F/femme) and English ones; anything else is unknown, so neutral.
    private static char NormaliseSex(string? sex)
    {
        var s = Text.Fold(sex);
        return s switch
        {
            "m" or "male" or "h" or "homme" or "masculin" => 'm',
            "f" or "female" or "femme" or "feminin" => 'f',
            _ => '\0',
        };
    }
}
