namespace Passerelle.Matching;

/// <summary>
/// Common diminutives and short forms of given names (Bob for Robert, Sasha for Aleksandr,
/// Mhd for Muhammad, Manu for Emmanuel): a given name that is one of them also gets the
/// transliteration keys of its full forms, so "Bob Smith" meets "Robert Smith" in blocking and
/// the two given names agree as variants. Written for this engine (English, French, Russian and
/// Arabic usage), folded spellings only; the full forms' own spelling variants come from
/// <see cref="NameKey"/>. A short form says nothing about a person but how their name is written.
/// </summary>
internal static class Nicknames
{
    // "full: short short ...", one line per full name; several full names may share a short form.
    private const string Table = """
        robert: bob bobby rob robbie bert
        william: bill billy will willy willie
        richard: dick rick ricky rich richie
        edward: ed eddie eddy ted teddy ned
        edmund: ed eddie ned
        james: jim jimmy jamie
        john: jack johnny jon
        jonathan: jon jonny
        michael: mike mikey mick mickey
        thomas: tom tommy
        joseph: joe joey jo
        charles: charlie chuck chas
        christopher: chris kit
        daniel: dan danny
        david: dave davy
        anthony: tony
        andrew: andy drew
        matthew: matt matty
        nicholas: nick nicky nico
        benjamin: ben benny benji
        alexander: alex xander sasha
        samuel: sam sammy
        timothy: tim timmy
        stephen: steve stevie
        steven: steve stevie
        patrick: pat paddy
        peter: pete
        kenneth: ken kenny
        ronald: ron ronnie
        donald: don donny
        gerald: gerry jerry
        lawrence: larry
        leonard: len lenny
        henry: harry hank
        harold: harry hal
        howard: howie
        francis: frank frankie
        frederick: fred freddie freddy
        albert: bert bertie
        raymond: ray
        eugene: gene
        margaret: maggie meg peggy peggie madge
        elizabeth: liz lizzie beth betty betsy eliza
        catherine: kate katie kathy cathy
        katherine: kate katie kathy cathy
        patricia: pat patty tricia trish
        jennifer: jen jenny
        susan: sue susie
        deborah: debbie deb
        rebecca: becky becca
        victoria: vicky tori
        christine: chris
        christina: chris
        dorothy: dot dottie
        barbara: barb babs
        jessica: jess jessie
        abigail: abby
        samantha: sam sammy
        kimberly: kim
        pamela: pam
        cynthia: cindy
        theresa: terry tess
        judith: judy
        josephine: jo josie
        jacqueline: jackie
        jeanbaptiste: jb
        emmanuel: manu
        emmanuelle: manue
        frederic: fred
        christophe: chris
        sebastien: seb
        stephane: steph
        stephanie: steph
        maximilien: max
        maxime: max
        dominique: dom
        philippe: phil
        jeremie: jerem
        jeremy: jerem
        isabelle: isa
        caroline: caro
        valentin: val
        valerie: val
        marguerite: margot
        guillaume: will
        aleksandr: sasha sanya shura alex
        aleksandra: sasha sanya shura
        mikhail: misha
        dmitri: dima mitya
        vladimir: vova volodya
        ivan: vanya
        nikolai: kolya
        sergei: seryozha
        pavel: pasha
        aleksei: alyosha lyosha
        yuri: yura
        yevgeni: zhenya
        ekaterina: katya
        anastasia: nastya nastassia
        maria: masha
        natalia: natasha
        olga: olya
        tatiana: tanya
        elena: lena
        anna: anya
        svetlana: sveta
        muhammad: mhd mohd md med
        abderrahmane: abdou
        abdelkader: kader
        abdallah: abdou
        """;

    private static readonly Dictionary<string, string[]> FullForms = Build();

    private static Dictionary<string, string[]> Build()
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var full = line[..colon];
            foreach (var shortForm in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!map.TryGetValue(shortForm, out var list)) map[shortForm] = list = [];
                if (!list.Contains(full)) list.Add(full);
            }
        }
        return map.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The full forms of a folded given-name token, or none.</summary>
    public static string[] FullFormsOf(string token) => FullForms.TryGetValue(token, out var full) ? full : [];

    private static readonly Dictionary<string, string> Initials = BuildInitials();

    // Per name of the table, full or short, the first letters of every form it may be written
    // in: robert → r, b (Bob); bob → b, r; edward → e, t (Ted), n (Ned).
    private static Dictionary<string, string> BuildInitials()
    {
        var forms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var family = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(line[..colon]).ToArray();
            foreach (var name in family)
            {
                if (!forms.TryGetValue(name, out var set)) forms[name] = set = new HashSet<string>(StringComparer.Ordinal);
                set.UnionWith(family);
            }
        }
        return forms.ToDictionary(e => e.Key, e => new string([.. e.Value.Select(n => n[0]).Distinct().Order()]), StringComparer.Ordinal);
    }

    /// <summary>
    /// True when a lone initial may stand for this folded given-name token: its first letter, or
    /// the first letter of one of its full or short forms ("B" for Robert, through Bob).
    /// </summary>
    public static bool MayBeInitialOf(char initial, string token) =>
        token.Length > 0 && (token[0] == initial || (Initials.TryGetValue(token, out var letters) && letters.Contains(initial, StringComparison.Ordinal)));
}
