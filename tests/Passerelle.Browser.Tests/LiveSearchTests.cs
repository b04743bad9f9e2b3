using System.Text.RegularExpressions;
using Passerelle.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed partial class LiveSearchTests(BrowserApp app)
{
    [Fact]
    public async Task Typing_a_name_in_the_register_search_narrows_the_list_without_pressing_search_and_keeps_the_address()
    {
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        // The panel chair of the Nord: another account than the other journeys', so no TOTP code is shared in a 30 s window.
        await Journeys.SignInWithTwoFactorAsync(page, "chair59@demo.passerelle.fr");
        await page.GotoAsync("/register");
        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        // Other journeys add persons to the Nord in this shared app: only the demo's are known here.
        await Expect(rows.Filter(new() { HasText = "MARTIN Lucas" })).ToHaveCountAsync(1);

        await page.GetByLabel("Nom, prénom ou alias").PressSequentiallyAsync("lefev");

        await Expect(page.Locator("#result-count")).ToHaveTextAsync("1 personne(s)");
        await Expect(rows.Filter(new() { HasText = "LEFÈVRE Sarah" })).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(SearchUrl());
        await Expect(page.GetByLabel("Nom, prénom ou alias")).ToBeFocusedAsync();

        await page.GetByLabel("Nom, prénom ou alias").FillAsync("zzzz");
        await page.GetByLabel("Nom, prénom ou alias").PressAsync("Enter");

        await Expect(page.GetByText("Aucune personne ne correspond à ces critères dans votre périmètre.")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the register after a live search with no result");
    }

    [GeneratedRegex("/register\\?q=lefev")]
    private static partial Regex SearchUrl();
}
