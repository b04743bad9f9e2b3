using System.Net;
using System.Text.RegularExpressions;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>Signing in through the pages: password, lockout, second factor, enrolment, return URL, sign-out.</summary>
public sealed class SignInPageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static bool SetsAuthCookie(PageResponse response) =>
        response.SetCookies.Any(c => c.StartsWith("passerelle=", StringComparison.Ordinal) && !c.StartsWith("passerelle=;", StringComparison.Ordinal));

    private static (string, string)[] Credentials(PageUser user, string password) =>
        [("Input.Email", user.Email), ("Input.Password", password)];

    [Fact]
    public async Task WrongPassword_ShowsTheFailure_AndSetsNoSessionCookie()
    {
        var user = await factory.CreatePageUserAsync(Roles.Ged, "59");
        using var session = factory.NewSession();

        var response = await session.PostFormAsync("/Account/Login", "/Account/Login", Credentials(user, "Wrong-Password-123!"));

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Html.ShouldContain(Fr("login.failed"));
        SetsAuthCookie(response).ShouldBeFalse(string.Join("; ", response.SetCookies));
        (await session.GetAsync("/register")).Location.ShouldNotBeNull().ShouldContain("/Account/Login", Case.Insensitive);
    }

    [Fact]
    public async Task UnknownEmailAndEmptyFields_ShowErrors_NotA500()
    {
        using var session = factory.NewSession();

        var unknown = await session.PostFormAsync("/Account/Login", "/Account/Login", ("Input.Email", "nobody@test.passerelle.fr"), ("Input.Password", "Whatever-123!"));
        var empty = await session.PostFormAsync("/Account/Login", "/Account/Login", ("Input.Email", ""), ("Input.Password", ""));
        var huge = await session.PostFormAsync("/Account/Login", "/Account/Login", ("Input.Email", new string('a', 300) + "@x.fr"), ("Input.Password", "x"));

        unknown.Status.ShouldBe(HttpStatusCode.OK);
        unknown.Html.ShouldContain(Fr("login.failed"));
        empty.Html.ShouldContain(Fr("error.required"));
        huge.Html.ShouldContain(Fr("error.required"));
        SetsAuthCookie(unknown).ShouldBeFalse();
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightPassword()
    {
        var user = await factory.CreatePageUserAsync(Roles.Analyst, AccessScope.NationalValue);
        using var session = factory.NewSession();

        for (var i = 0; i < 5; i++)
        {
            await session.PostFormAsync("/Account/Login", "/Account/Login", Credentials(user, $"Wrong-Password-{i}!"));
        }

        var right = await session.PostFormAsync("/Account/Login", "/Account/Login", Credentials(user, PasserelleFactory.Password));

        right.Status.ShouldBe(HttpStatusCode.OK);
        right.Html.ShouldContain(Fr("login.locked"));
        SetsAuthCookie(right).ShouldBeFalse();
        (await session.GetAsync("/")).Status.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongSecondFactor_ShowsTheError_AndDoesNotSignIn_ThenTheRightCodeDoes()
    {
        var user = await factory.CreatePageUserAsync(Roles.Ged, "59");
        using var session = factory.NewSession();
        var login = await session.PostFormAsync("/Account/Login", "/Account/Login", Credentials(user, PasserelleFactory.Password));
        login.Location.ShouldNotBeNull().ShouldStartWith("/account/loginwith2fa", Case.Insensitive);
        SetsAuthCookie(login).ShouldBeFalse("a password alone must not give a session to a role that requires TOTP");

        var right = Totp.Code(user.Secret!);
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await session.PostFormAsync(login.Location, login.Location, ("Code", wrong));
        var garbage = await session.PostFormAsync(login.Location, login.Location, ("Code", "<script>"));

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Html.ShouldContain(Fr("login.2fa-invalid"));
        SetsAuthCookie(refused).ShouldBeFalse();
        garbage.Html.ShouldContain(Fr("login.2fa-invalid"));
        (await session.GetAsync("/register")).Status.ShouldNotBe(HttpStatusCode.OK);

        var accepted = await session.PostFormAsync(login.Location, login.Location, ("Code", right));
        accepted.Location.ShouldBe("/");
        (await session.GetAsync("/register")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PasswordOnlySignIn_OfRoleRequiringTwoFactor_ReachesOnlyEnrolment_UntilACodeIsVerified()
    {
        var user = await factory.CreatePageUserAsync(Roles.Ged, "59", enrolled: false);
        using var session = factory.NewSession();

        var login = await session.PostFormAsync("/Account/Login", "/Account/Login", Credentials(user, PasserelleFactory.Password));
        login.Location.ShouldNotBeNull().ShouldStartWith("/account/twofactor", Case.Insensitive);

        foreach (var url in new[] { "/", "/register", "/reports/new", "/account/manage/tokens" })
        {
            var refused = await session.GetAsync(url);
            refused.Status.ShouldNotBe(HttpStatusCode.OK, url);
            refused.Location.ShouldNotBeNull(url).ShouldMatch("(?i)/account/(accessdenied|twofactor|login)");
            refused.Html.ShouldBeEmpty();
        }

        var denied = await session.GetAsync("/Account/AccessDenied?returnUrl=%2Fregister");
        denied.Location.ShouldNotBeNull().ShouldStartWith("/account/twofactor", Case.Insensitive);

        var enrolment = await session.GetAsync("/Account/TwoFactor");
        enrolment.Status.ShouldBe(HttpStatusCode.OK);
        var key = Regex.Match(enrolment.Html, "id=\"authenticator-key\">([A-Z2-7 ]+)</code>").Groups[1].Value;
        key.ShouldNotBeNullOrWhiteSpace(enrolment.ToString());

        var wrong = await session.PostFormAsync("/Account/TwoFactor", "/Account/TwoFactor", ("Code", "000000"));
        wrong.Html.ShouldContain(Fr("login.2fa-invalid"));
        (await session.GetAsync("/register")).Status.ShouldNotBe(HttpStatusCode.OK);

        var enrolled = await session.PostFormAsync("/Account/TwoFactor", "/Account/TwoFactor", ("Code", Totp.Code(key)));
        enrolled.Location.ShouldBe("/");
        (await session.GetAsync("/register")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task ForeignReturnUrl_AfterSignIn_RedirectsHome(string returnUrl)
    {
        var analyst = await factory.PageUserAsync(Roles.Analyst, AccessScope.NationalValue);
        var ged = await factory.PageUserAsync(Roles.Ged, "59");
        var url = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);

        using var session = factory.NewSession();
        var direct = await session.PostFormAsync(url, url, Credentials(analyst, PasserelleFactory.Password));
        direct.Location.ShouldBe("/");

        using var twoStep = factory.NewSession();
        var login = await twoStep.PostFormAsync(url, url, Credentials(ged, PasserelleFactory.Password));
        login.Location.ShouldNotBeNull().ShouldStartWith("/account/loginwith2fa", Case.Insensitive);
        var verified = await twoStep.PostFormAsync(login.Location, login.Location, ("Code", Totp.Code(ged.Secret!)));
        verified.Location.ShouldBe("/");
    }

    [Fact]
    public async Task LocalReturnUrl_AfterSignIn_IsHonoured()
    {
        var ged = await factory.PageUserAsync(Roles.Ged, "59");
        const string url = "/Account/Login?ReturnUrl=%2Fregister";
        using var session = factory.NewSession();

        var login = await session.PostFormAsync(url, url, Credentials(ged, PasserelleFactory.Password));
        var verified = await session.PostFormAsync(login.Location!, login.Location!, ("Code", Totp.Code(ged.Secret!)));

        verified.Location.ShouldBe("/register");
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        (await session.GetAsync("/register")).Status.ShouldBe(HttpStatusCode.OK);

        var home = await session.GetAsync("/");
        var signOut = await session.PostWithTokenAsync("/Account/Logout", WebSession.AntiForgeryToken(home));

        signOut.Redirects.ShouldBeTrue(signOut.ToString());
        (await session.GetAsync("/register")).Location.ShouldNotBeNull().ShouldContain("/Account/Login", Case.Insensitive);
    }

    [Fact]
    public async Task AnonymousVisitor_IsSentToLogin_FromEveryPage()
    {
        using var session = factory.NewSession();
        foreach (var url in new[] { "/", "/register", $"/persons/{Guid.NewGuid()}", "/reports/new", $"/reports/{Guid.NewGuid()}", "/reports/mine", "/admin/users", "/admin/users/create", "/admin/territories", "/account/manage/tokens", "/audit", "/Account/TwoFactor" })
        {
            var response = await session.GetAsync(url);
            response.Status.ShouldBe(HttpStatusCode.Redirect, url);
            response.Location.ShouldNotBeNull(url).ShouldContain("/Account/Login", Case.Insensitive);
        }

        (await session.GetAsync("/Account/Login")).Status.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync("/Account/AccessDenied")).Status.ShouldBe(HttpStatusCode.Forbidden); // the refusal page answers 403 on purpose
    }
}
