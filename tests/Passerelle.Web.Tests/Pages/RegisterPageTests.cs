using System.Net;
using System.Text.RegularExpressions;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>The register's search form: bad parameters give a clear message (never a 500); pages of 20.</summary>
public sealed partial class RegisterPageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const int Persons = 25;

    /// <summary>25 persons in 59 (surnames Paginea… Paginey), created once.</summary>
    private Task<List<string>> SeedAsync() => factory.OnceAsync("register-seed", async () =>
    {
        using var api = factory.ClientWithToken((await factory.PageUserAsync(Roles.Ged, "59")).Token);
        var surnames = new List<string>();
        for (var i = 0; i < Persons; i++)
        {
            var surname = "Pagine" + (char)('a' + i);
            await api.CreateReportAsync(TestApi.Report("59", surname: surname, givenName: "Zoé"));
            surnames.Add(surname);
        }

        return surnames;
    });

    public static TheoryData<string, string, string> BadSearches => new()
    {
        { "q=" + new string('x', 101), "q", "error.query-too-long" },
        { "dob=abc", "dob", "error.date-invalid" },
        { "dob=2001-02-30", "dob", "error.date-invalid" },
        { "dob=2999", "dob", "error.date-invalid" },
        { "status=Nope", "status", "error.unknown-value" },
        { "status=99", "status", "error.unknown-value" },
        { "p=x", "p", "error.unknown-value" },
        { "p=0", "p", "error.page-invalid" },
        { "p=-3", "p", "error.page-invalid" },
        { "p=100001", "p", "error.page-invalid" },
        { "p=99999999999", "p", "error.unknown-value" },
    };

    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task BadSearchParameter_ShowsAClearMessage_AndNoResults(string query, string field, string message)
    {
        await SeedAsync();
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var response = await session.GetAsync("/register?" + query);

        ((int)response.Status).ShouldBeLessThan(500, response.ToString());
        response.Html.ShouldContain(Fr("common.errors-title"));
        response.Html.ShouldContain(Fr(message));
        response.Html.ShouldContain($"href=\"#{field}\"");
        response.Html.ShouldNotContain("PAGINEA", Case.Sensitive);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Robert'); DROP TABLE persons;--")]
    [InlineData("%' OR '1'='1")]
    public async Task HostileSearchText_FindsNothing_AndIsEchoedEncoded(string q)
    {
        await SeedAsync();
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var response = await session.GetAsync("/register?q=" + Uri.EscapeDataString(q));

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Html.ShouldContain(Fr("register.count", 0));
        response.Html.ShouldContain($"value=\"{Html(q)}\"");
        response.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive);
        (await session.GetAsync("/register")).Html.ShouldContain(Fr("register.count", Persons));
    }

    [Fact]
    public async Task TwentyFivePersons_ShowTwentyOnPageOne_AndTheFiveOthersOnPageTwo()
    {
        var surnames = await SeedAsync();
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var first = await session.GetAsync("/register?q=pagine");
        var second = await session.GetAsync("/register?q=pagine&p=2");
        var third = await session.GetAsync("/register?q=pagine&p=3");

        first.Html.ShouldContain(Fr("register.count", Persons));
        first.Html.ShouldContain(Fr("common.page-of", 1, 2));
        second.Html.ShouldContain(Fr("common.page-of", 2, 2));
        var one = Rows(first);
        var two = Rows(second);
        one.Count.ShouldBe(20);
        two.Count.ShouldBe(5);
        one.Concat(two).Distinct().Order(StringComparer.Ordinal).ShouldBe(surnames.Select(s => s.ToUpperInvariant()).Order(StringComparer.Ordinal));
        first.Html.ShouldContain("p=2");
        Rows(third).ShouldBeEmpty();
        third.Html.ShouldContain(Fr("register.count", Persons));
    }

    [Fact]
    public async Task SearchByPartialDateAndStatus_Narrows()
    {
        await SeedAsync();
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        (await session.GetAsync("/register?dob=2006")).Html.ShouldContain(Fr("register.count", Persons));
        (await session.GetAsync("/register?dob=2006-03")).Html.ShouldContain(Fr("register.count", Persons));
        (await session.GetAsync("/register?dob=2005")).Html.ShouldContain(Fr("register.count", 0));
        (await session.GetAsync("/register?status=Reported")).Html.ShouldContain(Fr("register.count", Persons));
        (await session.GetAsync("/register?status=Closed")).Html.ShouldContain(Fr("register.count", 0));
        (await session.GetAsync("/register?q=PAGINEC")).Html.ShouldContain(Fr("register.count", 1));
    }

    private static List<string> Rows(PageResponse page) =>
        [.. RowPattern().Matches(page.Html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<a href=\"/persons/[0-9a-f-]{36}\">([A-Z]+) Zoé</a>")]
    private static partial Regex RowPattern();
}
