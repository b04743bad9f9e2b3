using System.Text.RegularExpressions;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 4, the hotline door: a mother calls; the operator records, with the keyboard (Tab, Ctrl+Enter), an
/// imminent-danger report with a referral of the family to the CPRAF and sees what to do now; a Nord panel
/// member sees the alert on top of the triage queue, acknowledges it, and takes the report in charge.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class HotlineJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_family_calls_the_operator_records_an_imminent_danger_by_keyboard_and_the_Nord_panel_acknowledges_and_takes_it_in_charge()
    {
        var surname = Journeys.UniqueSurname("Danger");
        var capitalised = char.ToUpperInvariant(surname[0]) + surname[1..];
        await using var hotlineBrowser = await app.OpenBrowserAsync();
        var page = hotlineBrowser.Page;
        await Journeys.SignInNewUserAsync(app, page, Roles.Hotline, AccessScope.NationalValue, "Hugo Écoutant");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Console d'appel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Console d'appel", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the hotline console");

        // The first field has the focus; Tab walks the caller's fields in order.
        var relation = page.GetByLabel("Lien avec la personne signalée");
        await Expect(relation).ToBeFocusedAsync();
        await relation.SelectOptionAsync("parent");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Nom de l'appelant")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Nadia Benali");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Téléphone ou adresse électronique de l'appelant")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("06 12 34 56 78");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("L'appelant accepte d'être rappelé")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByLabel("L'appelant accepte d'être rappelé")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Département de l'appelant")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Prénom", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Karim");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(capitalised);

        await page.GetByLabel("Département de résidence de la personne").SelectOptionAsync("59");
        await page.GetByText("Menaces contre des personnes ou des institutions", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Urgence minimale" })).ToContainTextAsync("Urgente");
        await page.GetByText("Passage à l'acte annoncé pour les heures ou les jours qui viennent", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Urgence minimale" })).ToContainTextAsync("Danger imminent");
        await page.GetByLabel("Principale inquiétude de l'appelant").FillAsync("Qu'il passe à l'acte ce week-end.");
        await page.Locator("label[for=urgency-imminent]").ClickAsync();
        await Expect(page.GetByLabel("Danger imminent", new() { Exact = true })).ToBeCheckedAsync();
        await page.GetByText("Orienter la famille vers la cellule de prévention", new() { Exact = false }).ClickAsync();
        await page.GetByText("La famille y consent", new() { Exact = false }).ClickAsync();

        var narrative = page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Récit") });
        await narrative.FillAsync("La mère appelle : son fils annonce qu'il va s'en prendre à son ancien professeur samedi.");
        await narrative.PressAsync("Control+Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Danger imminent : que faire maintenant", Level = 1 })).ToBeVisibleAsync();
        var now = page.GetByRole(AriaRole.Alert);
        await Expect(now).ToContainTextAsync("17 (police) ou le 112");
        await Expect(now).ToContainTextAsync("15 (SAMU)");
        await Expect(now).ToContainTextAsync("Gardez l'appelant en ligne");
        await Expect(now).ToContainTextAsync("Le contact d'astreinte du département 59 a été alerté.");
        var recorded = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signalement enregistré" });
        await Expect(recorded).ToContainTextAsync("L'orientation de la famille vers la CPRAF du département 59 est enregistrée.");
        var receipt = Journeys.Receipt().Match(await recorded.InnerTextAsync()).Value;
        await Axe.AssertAccessibleAsync(page, "what to do now after an imminent danger");

        await using var panelBrowser = await app.OpenBrowserAsync();
        var member = panelBrowser.Page;
        await Journeys.SignInNewUserAsync(app, member, Roles.Ged, "59", "Marc Astreinte");
        await member.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "File de tri" }).ClickAsync();
        var alerts = member.GetByRole(AriaRole.Region, new() { Name = "Alertes de danger imminent à accuser" });
        await Expect(alerts).ToContainTextAsync(receipt);
        await Expect(member.GetByRole(AriaRole.Row).Filter(new() { HasText = receipt })).ToContainTextAsync("Danger imminent");
        await Axe.AssertAccessibleAsync(member, "the triage queue with an imminent-danger alert");
        await alerts.GetByRole(AriaRole.Button, new() { Name = $"Accuser réception de l'alerte {receipt}" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Réception de l'alerte accusée." })).ToBeVisibleAsync();
        await Expect(member.GetByRole(AriaRole.Button, new() { Name = $"Accuser réception de l'alerte {receipt}" })).ToHaveCountAsync(0);

        await member.GetByRole(AriaRole.Row).Filter(new() { HasText = surname.ToUpperInvariant() }).GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Expect(member.GetByText("Qu'il passe à l'acte ce week-end.")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(member, "an imminent-danger report waiting to be taken in charge");
        await member.GetByRole(AriaRole.Button, new() { Name = "Prendre en charge" }).ClickAsync();
        await Expect(member).ToHaveURLAsync(Journeys.PersonUrl());
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = $"{surname.ToUpperInvariant()} Karim", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Mes signalements des 30 derniers jours" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = receipt })).ToContainTextAsync("Pris en charge");
    }
}
