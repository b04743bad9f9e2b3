using System.Text.RegularExpressions;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 4, behind the doors: a hotline operator records a call; the report waits in the Nord panel's
/// triage queue; a panel member takes it in charge as a new person; the operator sees only the status.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TriageJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_hotline_report_waits_in_the_Nord_queue_a_member_takes_it_in_charge_and_the_operator_sees_the_status()
    {
        var surname = Journeys.UniqueSurname("Appel");
        var capitalised = char.ToUpperInvariant(surname[0]) + surname[1..];
        await using var hotlineBrowser = await app.OpenBrowserAsync();
        var operatorPage = hotlineBrowser.Page;
        await Journeys.SignInNewUserAsync(app, operatorPage, Roles.Hotline, AccessScope.NationalValue, "Olivia Opératrice");

        await operatorPage.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Console d'appel" }).ClickAsync();
        await operatorPage.GetByLabel("Département de résidence de la personne").SelectOptionAsync("59");
        await operatorPage.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Nom Le nom ou le prénom") }).FillAsync(capitalised);
        await operatorPage.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Jordan");
        await operatorPage.GetByText("Menaces contre des personnes ou des institutions", new() { Exact = true }).ClickAsync();
        await operatorPage.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Récit") }).FillAsync("La mère appelle : son fils tient des propos menaçants envers ses anciens camarades.");
        await operatorPage.Locator("label[for=urgency-urgent]").ClickAsync();
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'appel" }).ClickAsync();
        var recorded = operatorPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signalement enregistré" });
        await Expect(recorded).ToContainTextAsync(Journeys.Receipt());
        var receipt = Journeys.Receipt().Match(await recorded.InnerTextAsync()).Value;
        await operatorPage.GetByRole(AriaRole.Link, new() { Name = "Mes signalements des 30 derniers jours" }).ClickAsync();
        var mine = operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = receipt });
        await Expect(mine).ToContainTextAsync("Reçu, en attente de prise en charge");

        await using var panelBrowser = await app.OpenBrowserAsync();
        var member = panelBrowser.Page;
        await Journeys.SignInNewUserAsync(app, member, Roles.Ged, "59", "Marc Membre");
        await member.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "File de tri" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Signalements à prendre en charge", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(member, "the triage queue");
        await member.GetByRole(AriaRole.Row).Filter(new() { HasText = surname.ToUpperInvariant() }).GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Prendre en charge", Level = 2 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(member, "a waiting report with its take-in-charge choices");
        await Expect(member.GetByLabel("Créer une nouvelle personne")).ToBeCheckedAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Prendre en charge" }).ClickAsync();

        await Expect(member).ToHaveURLAsync(Journeys.PersonUrl());
        await Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signalement pris en charge et rattaché." })).ToBeVisibleAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = $"{surname.ToUpperInvariant()} Jordan", Level = 1 })).ToBeVisibleAsync();

        await operatorPage.ReloadAsync();
        await Expect(operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = receipt })).ToContainTextAsync("Pris en charge");
        await Expect(operatorPage.GetByRole(AriaRole.Link, new() { Name = "Registre" })).ToHaveCountAsync(0);
    }
}
