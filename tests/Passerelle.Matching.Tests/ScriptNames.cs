using Passerelle.Matching;

namespace Passerelle.Matching.Tests;

/// <summary>Shared by the tests of names written in another script: whether two spellings share a transliteration key.</summary>
internal static class ScriptNames
{
    public static PreparedRecord Prepared(string given, string surname) => new(new MatchRecord("x") { GivenName = given, Surname = surname });

    public static bool Meet(string written, string latin, bool surname)
    {
        var a = surname ? Prepared("", written).Surname : Prepared(written, "").Given;
        var b = surname ? Prepared("", latin).Surname : Prepared(latin, "").Given;
        return a.Keys.Intersect(b.Keys, StringComparer.Ordinal).Any();
    }
}
