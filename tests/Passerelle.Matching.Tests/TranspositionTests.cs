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
}
