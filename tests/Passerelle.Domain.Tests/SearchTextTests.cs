namespace Passerelle.Domain.Tests;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Lefèvre", "lefevre")]
    [InlineData("N'Diaye-Ba", "n diaye ba")]
    [InlineData("  ÉLODIE   de la  Tour ", "elodie de la tour")]
    [InlineData("O’Brien", "o brien")]
    [InlineData("Çelik", "celik")]
    [InlineData("Юсупов", "юсупов")]
    [InlineData("'; DROP TABLE persons;--", "drop table persons")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalise_FoldsCaseAccentsAndPunctuation(string? input, string expected) =>
        SearchText.Normalise(input).ShouldBe(expected);

    [Fact]
    public void Person_SearchKey_StartsEveryWordWithASpace()
    {
        var p = new Person { TerritoryCode = "59", GivenName = "Inès", Surname = "Petit-Roux", Aliases = "Nénette", CreatedById = "u" };
        p.RefreshSearchKey();
        p.SearchKey.ShouldBe(" petit roux ines nenette ");
    }
}
