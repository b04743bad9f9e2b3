using Passerelle.Matching;

namespace Passerelle.Matching.Tests;

public sealed class DateTests
{
    [Theory]
    [InlineData("19560409", 1956, 4, 9)]
    [InlineData(" 19560409", 1956, 4, 9)]
    [InlineData("1956-04-09", 1956, 4, 9)]
    [InlineData("09/04/1956", 1956, 4, 9)]
    [InlineData("1956", 1956, null, null)]
    public void Parse_reads_the_four_contract_formats(string text, int year, int? month, int? day) =>
        PartialDate.Parse(text).ShouldBe(new PartialDate(year, month, day));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("19561309")]
    [InlineData("31/02/1990")]
    [InlineData("abcd")]
    [InlineData("1990/01/01")]
    public void Parse_returns_null_for_blank_or_invalid_dates(string text) => PartialDate.Parse(text).ShouldBeNull();

    [Theory]
    [InlineData("1980-05-17", "1980-05-17", 0)]
    [InlineData("1980", "1980-05-17", 1)]
    [InlineData("1980-05-17", "1980-05-18", 2)]
    [InlineData("1980-05-17", "1986-05-17", 2)]
    [InlineData("1980-03-12", "1980-12-03", 3)]
    [InlineData("1980-05-17", "1981-05-17", 2)]
    [InlineData("1980-05-17", "1979-05-17", 4)]
    [InlineData("1980-05-17", "1980-06-10", 5)]
    [InlineData("1980-05-17", "1981-02-02", 6)]
    [InlineData("1980-05-17", "1988-11-02", 7)]
    [InlineData("1980-05-17", "1992-11-02", 8)]
    [InlineData("1970-10-10", "1990-03-15", 9)]
    [InlineData("1980", "1981-07", 4)]
    [InlineData("1980-01", "1981-07", 6)]
    [InlineData("1980", "1984", 7)]
    [InlineData("1980", "1992", 8)]
    [InlineData("1960", "1985-04-02", 9)]
    public void Date_comparison_levels(string a, string b, int level) =>
        Comparator.DateLevel(PartialDate.Parse(a), PartialDate.Parse(b)).ShouldBe(level);

    [Fact]
    public void A_missing_date_is_neutral() =>
        Comparator.DateLevel(null, PartialDate.Parse("1980-05-17")).ShouldBe(Comparator.Missing);
}
