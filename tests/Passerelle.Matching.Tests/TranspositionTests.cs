namespace Passerelle.Matching.Tests;

/// <summary>
/// Two neighbouring letters swapped is a typist's slip, even in a three-letter name where Jaro's
/// matching window is zero; a short given name with two letters changed still reads as another name
/// (the twins' veto keeps them apart).
/// </summary>
public sealed class TranspositionTests
{
    private static int Level(string a, string b) =>
        Comparator.NameLevel(
            PreparedName.From(Text.Tokens(Text.Fold(a)), isSurname: false),
            PreparedName.From(Text.Tokens(Text.Fold(b)), isSurname: false));

    [Theory]
    [InlineData("Ben", "Bne")]
    [InlineData("Amy", "Aym")]
    [InlineData("Ali", "Ail")]
    [InlineData("Omar", "Omra")]
    [InlineData("Moussa", "Mousas")]
    public void Adjacent_letters_swapped_are_a_close_spelling(string a, string b) => Level(a, b).ShouldBe(1);

    [Theory]
    [InlineData("Ben", "Ned")]
    [InlineData("Ali", "Eva")]
    [InlineData("Omar", "Oram")]
    public void Other_short_names_stay_different(string a, string b) => Level(a, b).ShouldBe(4);

    [Fact]
    public void Twins_named_Ben_and_Ned_stay_apart_while_a_swapped_letter_in_Ben_still_matches()
    {
        var ben = new MatchRecord("1") { GivenName = "Ben", Surname = "Martin", DateOfBirth = new PartialDate(2004, 3, 9), Address = "12 rue Nationale, Lille" };
        var ned = ben with { Id = "2", GivenName = "Ned" };
        var bne = ben with { Id = "3", GivenName = "Bne" };

        MatchModel.Default.Compare(ben, ned).Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
        MatchModel.Default.Compare(ben, bne).Probability.ShouldBeGreaterThanOrEqualTo(MatchModel.DefaultThreshold);
    }

    [Theory]
    [InlineData("Ana", "Ava")]
    [InlineData("Léa", "Lou")]
    [InlineData("Emma", "Erin")]
    public void Twins_with_short_names_one_or_two_letters_apart_stay_apart(string first, string second)
    {
        var one = new MatchRecord("1") { GivenName = first, Surname = "Martin", DateOfBirth = new PartialDate(2004, 3, 9), Address = "12 rue Nationale, Lille" };
        var other = one with { Id = "2", GivenName = second };

        MatchModel.Default.Compare(one, other).Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
    }

    [Theory]
    [InlineData("darla", "darlene", true)] // "a" / "ene": three edits
    [InlineData("mark", "marsha", true)]
    [InlineData("anna", "annabelle", true)]
    [InlineData("marie", "marianne", true)]
    [InlineData("khassan", "khasan", false)] // one letter
    [InlineData("alexandra", "alexander", false)] // two
    [InlineData("gegrgoe", "george", false)] // the same letters shuffled, one more
    [InlineData("ievloev", "yevloyev", false)] // no common start: not this rule's concern
    public void Names_that_start_alike_and_end_in_other_letters_are_told_apart(string a, string b, bool distinct) =>
        Comparator.DistinctEndings(a, b).ShouldBe(distinct);

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("a", "ene", 3)]
    [InlineData("abcdef", "uvwxyz", 3)] // counted up to the limit only
    public void Edit_distance_counts_up_to_its_limit(string a, string b, int expected) =>
        Text.EditDistance(a, b, 3).ShouldBe(expected);

    [Fact]
    public void Edit_distance_of_oversized_strings_is_bounded_without_a_table()
    {
        var huge = new string('a', 100_000);
        Text.EditDistance(huge, huge + "b", 3).ShouldBe(1); // past 32 characters: the length difference
        Text.EditDistance(huge, "a", 3).ShouldBe(3);
        Comparator.DistinctEndings(huge + "x", huge + "yzw").ShouldBeTrue(); // only what follows the common start is compared
    }
}
