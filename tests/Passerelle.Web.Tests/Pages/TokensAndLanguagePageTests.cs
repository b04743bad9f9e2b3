using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>The personal access tokens page, and the language switch.</summary>
public sealed class TokensAndLanguagePageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static Task<PageResponse> CreateTokenAsync(WebSession session, string name) =>
        session.PostFormAsync("/account/manage/tokens?handler=Create", "/account/manage/tokens", ("Name", name));

    private static string NewToken(PageResponse page)
    {
        var match = Regex.Match(page.Html, "id=\"new-token\">([^<]+)</code>");
        match.Success.ShouldBeTrue(page.ToString());
        return match.Groups[1].Value;
    }

    private async Task<Guid> TokenIdAsync(string userId, string name) =>
        await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.UserId == userId && t.Name == name).Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task CreatedToken_IsShownOnce_WorksOnTheApi_AndStopsAfterRevocation()
    {
        var user = await factory.CreatePageUserAsync(Roles.Ged, "59");
        using var session = await factory.SignInAsync(user);

        var created = await CreateTokenAsync(session, "Script de suivi");

        created.Status.ShouldBe(HttpStatusCode.OK, created.ToString());
        var token = NewToken(created);
        token.ShouldStartWith("psl_");
        var later = await session.GetAsync("/account/manage/tokens");
        later.Html.ShouldNotContain(token);
        later.Html.ShouldContain("Script de suivi");
        using (var api = factory.ClientWithToken(token))
        {
            (await api.GetAsync(new Uri(TestApi.Persons, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var id = await TokenIdAsync(user.Id, "Script de suivi");
        var revoked = await session.PostFormAsync($"/account/manage/tokens?handler=Revoke&id={id}", "/account/manage/tokens");

        revoked.Status.ShouldBe(HttpStatusCode.Redirect, revoked.ToString());
        using (var api = factory.ClientWithToken(token))
        {
            (await api.GetAsync(new Uri(TestApi.Persons, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var other = factory.ClientWithToken(user.Token);
        (await other.GetAsync(new Uri(TestApi.Persons, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK, "revoking one token leaves the others");
    }

    [Theory]
    [InlineData("", "error.required", null)]
    [InlineData("   ", "error.required", null)]
    [InlineData("<script>alert(1)</script>", "error.characters", null)]
    [InlineData("nom\u0007", "error.characters", null)]
    public async Task BadTokenName_Answers422_AndCreatesNoToken(string name, string message, int? argument)
    {
        var user = await factory.CreatePageUserAsync(Roles.Hotline, AccessScope.NationalValue);
        using var session = await factory.SignInAsync(user);

        var response = await CreateTokenAsync(session, name);

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, response.ToString());
        response.Html.ShouldContain(argument is { } a ? Fr(message, a) : Fr(message));
        response.Html.ShouldNotContain("id=\"new-token\"");
        response.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive);
        (await factory.WithDbAsync(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task OverlongTokenName_Answers422_AndCreatesNoToken()
    {
        var user = await factory.CreatePageUserAsync(Roles.Hotline, AccessScope.NationalValue);
        using var session = await factory.SignInAsync(user);

        var response = await CreateTokenAsync(session, new string('t', 101));

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Html.ShouldContain(Fr("error.too-long", 100));
        (await factory.WithDbAsync(db => db.AccessTokens.CountAsync(t => t.UserId == user.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task AnotherUsersToken_CannotBeRevoked_AndKeepsWorking()
    {
        var owner = await factory.CreatePageUserAsync(Roles.Ged, "59");
        var intruder = await factory.CreatePageUserAsync(Roles.Admin, AccessScope.NationalValue);
        var ownersToken = await TokenIdAsync(owner.Id, "tests");
        using var session = await factory.SignInAsync(intruder);

        var response = await session.PostFormAsync($"/account/manage/tokens?handler=Revoke&id={ownersToken}", "/account/manage/tokens");
        var unknown = await session.PostFormAsync($"/account/manage/tokens?handler=Revoke&id={Guid.NewGuid()}", "/account/manage/tokens");

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.Id == ownersToken).Select(t => t.RevokedAt).SingleAsync())).ShouldBeNull();
        using var api = factory.ClientWithToken(owner.Token);
        (await api.GetAsync(new Uri(TestApi.Persons, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokensPage_ListsOnlyTheUsersOwnTokens()
    {
        var owner = await factory.CreatePageUserAsync(Roles.Ged, "59");
        using (var ownerSession = await factory.SignInAsync(owner))
        {
            (await CreateTokenAsync(ownerSession, "Jeton du propriétaire")).Status.ShouldBe(HttpStatusCode.OK);
        }

        using var session = await factory.SignInAsync(await factory.CreatePageUserAsync(Roles.Ged, "59"));
        var page = await session.GetAsync("/account/manage/tokens");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldNotContain(Html("Jeton du propriétaire"));
    }

    [Fact]
    public async Task LanguageSwitch_SetsTheCookie_AndTheLoginPageIsInEnglish()
    {
        using var session = factory.NewSession();
        (await session.GetAsync("/Account/Login")).Html.ShouldContain("<html lang=\"fr\"");

        var switched = await session.PostWithTokenAsync("/culture?culture=en&returnUrl=%2FAccount%2FLogin", null);

        switched.Status.ShouldBe(HttpStatusCode.Redirect, switched.ToString());
        switched.Location.ShouldBe("/Account/Login");
        switched.SetCookies.ShouldContain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        var login = await session.GetAsync("/Account/Login");
        login.Html.ShouldContain("<html lang=\"en\"");
        login.Html.ShouldContain(">Sign in<");

        await session.PostWithTokenAsync("/culture?culture=fr&returnUrl=%2FAccount%2FLogin", null);
        (await session.GetAsync("/Account/Login")).Html.ShouldContain("<html lang=\"fr\"");
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("http:/evil.example")]
    [InlineData("")]
    public async Task LanguageSwitch_WithAForeignReturnUrl_RedirectsHome(string returnUrl)
    {
        using var session = factory.NewSession();

        var response = await session.PostWithTokenAsync("/culture?culture=en&returnUrl=" + Uri.EscapeDataString(returnUrl), null);

        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        response.Location.ShouldBe("/");
    }

    [Fact]
    public async Task LanguageSwitch_WithAnUnknownCulture_FallsBackToFrench()
    {
        using var session = factory.NewSession();

        var response = await session.PostWithTokenAsync("/culture?culture=%3Cscript%3E&returnUrl=%2FAccount%2FLogin", null);

        response.Status.ShouldBe(HttpStatusCode.Redirect);
        (await session.GetAsync("/Account/Login")).Html.ShouldContain("<html lang=\"fr\"");
    }
}
