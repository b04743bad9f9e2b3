using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Tests.Infrastructure;

/// <summary>A staff account for page tests: its TOTP secret (null when the role signs in with a password alone) and an API token.</summary>
internal sealed record PageUser(string Id, string Email, string Role, string Territories, string? Secret, string Token);

/// <summary>One answer of a page: status, HTML, redirect target.</summary>
internal sealed record PageResponse(HttpStatusCode Status, string Html, string? Location, IReadOnlyList<string> SetCookies)
{
    public bool Redirects => Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb;

    public override string ToString() => $"{(int)Status} {Location} {(Html.Length > 3000 ? Html[..3000] : Html)}";
}

/// <summary>
/// A browser-like session over the test server: keeps cookies, never follows redirects, and posts forms
/// with the anti-forgery token read from the page that holds the form.
/// </summary>
internal sealed partial class WebSession(HttpClient client) : IDisposable
{
    public HttpClient Client => client;

    public async Task<PageResponse> GetAsync(string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>GETs <paramref name="formPage"/> for its anti-forgery token, then POSTs <paramref name="fields"/> to <paramref name="url"/>.</summary>
    public async Task<PageResponse> PostFormAsync(string url, string formPage, params (string Name, string Value)[] fields)
    {
        var page = await GetAsync(formPage);
        var token = AntiForgeryToken(page);
        return await PostWithTokenAsync(url, token, fields);
    }

    public async Task<PageResponse> PostWithTokenAsync(string url, string? token, params (string Name, string Value)[] fields)
    {
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            all.Add(new("__RequestVerificationToken", token));
        }

        using var content = new FormUrlEncodedContent(all);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        return await ReadAsync(response);
    }

    public static string AntiForgeryToken(PageResponse page)
    {
        var match = TokenPattern().Match(page.Html);
        match.Success.ShouldBeTrue($"no anti-forgery token on the page: {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The value of a hidden input of the page (e.g. Input.FormKey, Input.Stamp).</summary>
    public static string Hidden(PageResponse page, string name)
    {
        var match = Regex.Match(page.Html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        match.Success.ShouldBeTrue($"no hidden {name} on the page: {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => client.Dispose();

    private static async Task<PageResponse> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        var location = response.Headers.Location?.OriginalString;
        return new PageResponse(response.StatusCode, html, location, cookies);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Page-test helpers on the factory: users with a real authenticator, real sign-in (password + TOTP), French texts as rendered.</summary>
internal static class PageKit
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>A user of that role and scope for page tests, created once per factory.</summary>
    public static Task<PageUser> PageUserAsync(this PasserelleFactory factory, string role, string territories) =>
        factory.OnceAsync($"page-user:{role}:{territories}", () => factory.CreatePageUserAsync(role, territories));

    /// <summary>
    /// A new user. When the role requires a second factor and <paramref name="enrolled"/>, TOTP is on with a
    /// known secret (as the demo seed does); otherwise the user has a password only.
    /// </summary>
    public static async Task<PageUser> CreatePageUserAsync(this PasserelleFactory factory, string role, string territories, bool enrolled = true, string? name = null)
    {
        var email = $"page.{role}.{territories.Replace(',', '-')}.{Guid.NewGuid():N}@test.passerelle.fr";
        var twoFactor = enrolled && Roles.RequiresTwoFactor(role);
        return await factory.AsSystemAsync(async services =>
        {
            var outcome = await UserAccounts.CreateAsync(services, email, name ?? $"Page {role} {territories}", role, territories, PasserelleFactory.Password, twoFactor);
            outcome.Errors.ShouldBeEmpty();
            var user = outcome.User!;
            string? secret = null;
            if (twoFactor)
            {
                secret = NewSecret();
                var keys = (IUserAuthenticatorKeyStore<AppUser>)services.GetRequiredService<IUserStore<AppUser>>();
                await keys.SetAuthenticatorKeyAsync(user, secret, CancellationToken.None);
                (await services.GetRequiredService<UserManager<AppUser>>().UpdateAsync(user)).Succeeded.ShouldBeTrue();
            }

            var token = await AccessTokens.CreateAsync(services, user, "tests");
            return new PageUser(user.Id, email, role, territories, secret, token);
        });
    }

    /// <summary>A session with no cookie yet.</summary>
    public static WebSession NewSession(this PasserelleFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Signs in through the login page and, when the user has a secret, the TOTP page; asserts it worked.</summary>
    public static async Task<WebSession> SignInAsync(this PasserelleFactory factory, PageUser user)
    {
        var session = factory.NewSession();
        var login = await session.PostFormAsync("/Account/Login", "/Account/Login", ("Input.Email", user.Email), ("Input.Password", PasserelleFactory.Password));
        login.Redirects.ShouldBeTrue(login.ToString());
        if (user.Secret is null)
        {
            return session;
        }

        login.Location.ShouldNotBeNull().ShouldStartWith("/account/loginwith2fa", Case.Insensitive);
        var verified = await session.PostFormAsync(login.Location, login.Location, ("Code", Totp.Code(user.Secret)));
        verified.Redirects.ShouldBeTrue(verified.ToString());
        verified.Location.ShouldBe("/");
        return session;
    }

    public static async Task<WebSession> SignInAsync(this PasserelleFactory factory, string role, string territories) =>
        await factory.SignInAsync(await factory.PageUserAsync(role, territories));

    /// <summary>A French text of the app as the page renders it (HTML-encoded like Razor does).</summary>
    public static string Fr(string key, params object[] args) => Html(FrText(key, args));

    /// <summary>A French text of the app, not encoded.</summary>
    public static string FrText(string key, params object[] args)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
            return args.Length == 0 ? Texts.Get(key) : Texts.Format(key, args);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    public static string Html(string text) => Encoder.Encode(text);

    private static string NewSecret()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return string.Concat(RandomNumberGenerator.GetBytes(32).Select(b => alphabet[b % 32]));
    }
}
