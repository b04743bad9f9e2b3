using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class LanguageTests(BrowserApp app)
{
    [Fact]
    public async Task After_pressing_English_the_page_is_in_English_and_the_next_pages_stay_in_English()
    {
        const string email = "care59@demo.passerelle.fr";
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await page.GotoAsync("/Account/Login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the English sign-in page");

        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoSeed.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.LoginWith2faUrl());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByLabel("Verification code").FillAsync(Totp.Code(DemoSeed.TotpSecret(email)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Français" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the English home page");
    }
}
