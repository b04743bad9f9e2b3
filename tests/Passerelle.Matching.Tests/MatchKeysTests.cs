using Passerelle.Matching;

namespace Passerelle.Matching.Tests;

/// <summary>The public keys that the app stores per person: the engine's own blocking keys, so stored and in-memory blocking agree.</summary>
public sealed class MatchKeysTests
{
    private static readonly MatchRecord Registered = new("1")
    {
        GivenName = "Magomed",
        Surname = "Yevloyev",
        DateOfBirth = PartialDate.Parse("1998-04-12"),
        Sex = "M",
    };

    [Fact]
    public void For_returns_the_blocking_keys_without_duplicates()
    {
        var keys = MatchKeys.For(Registered);

        keys.ShouldBe(Blocking.Keys(new PreparedRecord(Registered)), ignoreOrder: true);
        keys.Distinct(StringComparer.Ordinal).Count().ShouldBe(keys.Count);
    }

    [Fact]
    public void A_transliterated_surname_with_the_same_date_shares_a_key()
    {
        var incoming = Registered with { Id = "2", Surname = "Ievloev" };

        MatchKeys.For(incoming).Intersect(MatchKeys.For(Registered), StringComparer.Ordinal).ShouldNotBeEmpty();
    }

    // A tripwire, on purpose: when this fails, an engine change altered the keys stored for
    // persons. That is allowed (the app re-indexes its register at the next start, when it sees a
    // scheme it did not index with); set the new value here and say so in the change.
    [Fact]
    public void The_key_scheme_names_the_keys_this_engine_makes()
    {
        MatchKeys.Scheme.ShouldMatch("^[0-9]+-[0-9a-f]{16}$");
        MatchKeys.Scheme.ShouldBe("1-9fc36e50bd6c4023");
    }
}
