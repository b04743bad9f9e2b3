namespace Passerelle.Domain.Tests;

public sealed class PartialDateTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("2001", 2001, null, null)]
    [InlineData("2001-05", 2001, 5, null)]
    [InlineData("2001-05-04", 2001, 5, 4)]
    [InlineData(" 2004-02-29 ", 2004, 2, 29)]
    [InlineData("2026-11-22", 2026, 11, 22)]
    public void TryParse_AcceptsYearYearMonthAndFullDates(string text, int year, int? month, int? day)
    {
        PartialDate.TryParse(text, Today, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(new PartialDate(year, month, day));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("01")]
    [InlineData("2001-5-4")]
    [InlineData("2001-02-30")]
    [InlineData("2003-02-29")]
    [InlineData("2001-13")]
    [InlineData("2001-00-10")]
    [InlineData("1899")]
    [InlineData("2999")]
    [InlineData("2026-11-23")]
    [InlineData("2026-12")]
    [InlineData("2001-05-04-01")]
    [InlineData("2001-05-04T00:00")]
    [InlineData("-2001")]
    [InlineData("+2001")]
    [InlineData("２００１")]
    public void TryParse_RefusesMalformedImpossibleOrFutureDates(string text) =>
        PartialDate.TryParse(text, Today, out _).ShouldBeFalse();

    [Fact]
    public void ToString_GivesBackWhatWasKnownOnly()
    {
        new PartialDate(2001).ToString().ShouldBe("2001");
        new PartialDate(2001, 5).ToString().ShouldBe("2001-05");
        new PartialDate(2001, 5, 4).ToString().ShouldBe("2001-05-04");
    }

    [Fact]
    public void FromParts_WithoutYear_IsUnknown() => PartialDate.FromParts(null, 5, 4).ShouldBeNull();
}
