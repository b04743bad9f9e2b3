using System.Text.RegularExpressions;
using Passerelle.Web.Data;

namespace Passerelle.Browser.Tests.Infrastructure;

/// <summary>Steps several journeys share, written as a user would do them.</summary>
internal static partial class Journeys
{
    public const string Ged59 = "ged59@demo.passerelle.fr";
    public const string Ged75 = "ged75@demo.passerelle.fr";

    /// <summary>Signs a demo account in with password and TOTP; optionally checks each page with axe on the way.</summary>
    public static async Task SignInWithTwoFactorAsync(IPage page, string email, bool checkAccessibility = false)
    {
        await page.GotoAsync("/Account/Login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion", Level = 1 })).ToBeVisibleAsync();
        if (checkAccessibility)
        {
            await Axe.AssertAccessibleAsync(page, "the sign-in page");
        }

        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(DemoSeed.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(LoginWith2faUrl());
        if (checkAccessibility)
        {
            await Axe.AssertAccessibleAsync(page, "the two-step verification page");
        }

        await page.GetByLabel("Code de vérification").FillAsync(Totp.Code(DemoSeed.TotpSecret(email)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Creates an account of <paramref name="role"/> and signs it in through the two-step enrolment page,
    /// so that no demo account's TOTP code is reused by tests running close together.
    /// </summary>
    public static async Task SignInNewUserAsync(BrowserApp app, IPage page, string role, string territory, string name)
    {
        const string password = "Journey-Test-2026!x";
        var email = $"{UniqueSurname("user")}@test.passerelle.fr";
        await app.AsSystemAsync(async services =>
        {
            var outcome = await Passerelle.Web.Security.UserAccounts.CreateAsync(services, email, name, role, territory, password, twoFactorEnabled: false);
            outcome.Errors.ShouldBeEmpty();
            return outcome.User.ShouldNotBeNull();
        });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(EnrolmentUrl());
        var key = await page.Locator("#authenticator-key").InnerTextAsync();
        await page.GetByLabel("Code de vérification").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Bonjour {name}", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Letters only (the app's name pattern), unique per call: a surname no other test or seed uses.</summary>
    public static string UniqueSurname(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToByteArray().Take(6).Select(b => (char)('a' + (b % 26))));

    [GeneratedRegex("/Account/LoginWith2fa", RegexOptions.IgnoreCase)]
    public static partial Regex LoginWith2faUrl();

    [GeneratedRegex("/Account/Login(\\?|$)", RegexOptions.IgnoreCase)]
    public static partial Regex LoginUrl();

    [GeneratedRegex("/Account/TwoFactor", RegexOptions.IgnoreCase)]
    public static partial Regex EnrolmentUrl();

    [GeneratedRegex("/persons/[0-9a-f-]{36}$", RegexOptions.IgnoreCase)]
    public static partial Regex PersonUrl();

    [GeneratedRegex("SIG-[A-Z0-9-]+")]
    public static partial Regex Receipt();
}
