namespace Passerelle.Matching;

/// <summary>A name normalised once so that every comparison reuses the work.</summary>
internal sealed class PreparedName
{
    public static readonly PreparedName Empty = new("", "", [], [], false);

    private PreparedName(string compact, string core, string[] tokens, string[] keys, bool isInitial)
    {
        Compact = compact;
        Core = core;
        Tokens = tokens;
        Keys = keys;
        IsInitial = isInitial;
    }

    /// <summary>All tokens joined without spaces: "Ben Ali" and "Benali" are equal.</summary>
    public string Compact { get; }

    /// <summary>Tokens without particles joined: "de la Fontaine" meets "Fontaine".</summary>
    public string Core { get; }

    public string[] Tokens { get; }

    /// <summary>Transliteration keys (<see cref="NameKey"/>).</summary>
    public string[] Keys { get; }

    /// <summary>A lone letter such as "B" for Bob.</summary>
    public bool IsInitial { get; }

    public bool IsEmpty => Compact.Length == 0;

    public static PreparedName From(IEnumerable<string> tokens, bool isSurname)
    {
        var list = tokens.ToArray();
        if (list.Length == 0) return Empty;
        var compact = string.Concat(list);
        var coreTokens = list.Where(t => !Text.IsParticle(t)).ToArray();
        var core = coreTokens.Length == 0 ? compact : string.Concat(coreTokens);
        var keys = NameKey.Of(core, isSurname);
        if (!string.Equals(core, compact, StringComparison.Ordinal)) keys = [.. keys.Union(NameKey.Of(compact, isSurname))];
        return new PreparedName(compact, core, list, keys, compact.Length == 1);
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
                fullName = fullName[(comma + 1)..];
            }
            var full = Text.Tokens(Text.Fold(fullName));
            if (comma > 0) given = full;
            else
            if (full.Length == 1) surname = full;
            else if (full.Length > 1 && comma <= 0)
            {
                given = full[..^1];
                surname = [full[^1]];
            }
        }
        // Drop generational suffixes that clerks put in the surname field (Smith Jr).
        surname = surname.Where(t => t is not ("jr" or "sr" or "ii" or "iii")).ToArray();
        given = given.Where(t => t is not ("jr" or "sr" or "ii" or "iii")).ToArray();
        Given = PreparedName.From(given, isSurname: false);
        Surname = PreparedName.From(surname, isSurname: true);
        DateOfBirth = source.DateOfBirth;
        Place = Text.Fold(source.PlaceOfBirth).Replace(" ", "", StringComparison.Ordinal);
        PlaceKeys = NameKey.Of(Place, isSurname: false);
        var address = Text.Fold(source.Address);
        AddressCompact = address.Replace(" ", "", StringComparison.Ordinal);
        AddressTokens = [.. Text.Tokens(address).Distinct(StringComparer.Ordinal)];
        Postcode = Text.Fold(source.Postcode).Replace(" ", "", StringComparison.Ordinal);
        Sex = NormaliseSex(source.Sex);
    }

    public MatchRecord Source { get; }
    public PreparedName Given { get; }
    public PreparedName Surname { get; }
    public PartialDate? DateOfBirth { get; }
    public string Place { get; }
    public string[] PlaceKeys { get; }
    public string AddressCompact { get; }
    public string[] AddressTokens { get; }
    public string Postcode { get; }
    public char Sex { get; }

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
