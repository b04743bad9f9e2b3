using System.Text.RegularExpressions;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 4, the partner door: a school's staff member reports weak signals with their organisation; the report
/// waits in the Nord queue; once a panel member takes it in charge the partner sees "Pris en charge", and nothing
/// of the follow-up.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PartnerJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_partner_reports_weak_signals_and_later_sees_the_report_taken_in_charge()
    {
        var surname = Journeys.UniqueSurname("Eleve");
        var capitalised = char.ToUpperInvariant(surname[0]) + surname[1..];
        await using var partnerBrowser = await app.OpenBrowserAsync();
        var page = partnerBrowser.Page;
        await Journeys.SignInNewUserAsync(app, page, Roles.Partner, "59", "Paulette Collège");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Nouveau signalement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rechercher dans le registre" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, "the partner's report form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le signalement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Indiquez le nom de votre organisme.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choisissez le type de votre organisme.");
        await Axe.AssertAccessibleAsync(page, "the partner's report form with errors");

        await page.GetByLabel("Votre organisme").FillAsync("Collège Jean-Jaurès (Lille)");
        await page.GetByLabel("Type d'organisme").SelectOptionAsync("school");
        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Nom Le nom ou le prénom") }).FillAsync(capitalised);
        await page.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Théo");
        await page.GetByText("Isolement, repli sur soi", new() { Exact = true }).ClickAsync();
        await page.GetByText("Décrochage scolaire ou professionnel soudain", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Récit") }).FillAsync("Absences répétées depuis la rentrée, ne parle plus à personne en classe.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le signalement" }).ClickAsync();
        var recorded = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signalement enregistré" });
        await Expect(recorded).ToContainTextAsync(Journeys.Receipt());
        var receipt = Journeys.Receipt().Match(await recorded.InnerTextAsync()).Value;
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = receipt })).ToContainTextAsync("Reçu, en attente de prise en charge");
        await Axe.AssertAccessibleAsync(page, "the partner's reports");

        await using var panelBrowser = await app.OpenBrowserAsync();
        var member = panelBrowser.Page;
        await Journeys.SignInNewUserAsync(app, member, Roles.Ged, "59", "Marc Tri");
        await member.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "File de tri" }).ClickAsync();
        await member.GetByRole(AriaRole.Row).Filter(new() { HasText = surname.ToUpperInvariant() }).GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Expect(member.GetByText("Collège Jean-Jaurès (Lille) (Établissement scolaire)")).ToBeVisibleAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Prendre en charge" }).ClickAsync();
        await Expect(member).ToHaveURLAsync(Journeys.PersonUrl());

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = receipt })).ToContainTextAsync("Pris en charge");
        await page.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Voir la fiche" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Registre" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, "the partner's own report, status only");
    }
}
