using System.Net;
using System.Text.RegularExpressions;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>The API accepts personal access tokens only: a browser's sign-in cookie opens no API route.</summary>
public sealed partial class ApiAuthenticationTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task ApiRoute_WithASignInCookieInsteadOfAToken_Returns401()
    {
        // An analyst signs in with a password alone (the role needs no second factor), so the cookie is a full sign-in.
        var analyst = await factory.UserAsync(Roles.Analyst, "national");
        using var browser = factory.AnonymousClient();
        using var loginPage = await browser.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = AntiForgeryToken().Match(await loginPage.Content.ReadAsStringAsync()).Groups[1].Value;
        using var login = await browser.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = analyst.Email,
            ["Input.Password"] = PasserelleFactory.Password,
            ["__RequestVerificationToken"] = token,
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var home = await browser.GetAsync(new Uri("/", UriKind.Relative));
        home.StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie signs the analyst in to the pages");

        using var api = await browser.GetAsync(new Uri("/api/v1/territories", UriKind.Relative));

        await api.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryToken();
}
