using System.Text.RegularExpressions;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 4, public forms: a member of the public reports a concern in four steps without an account (the
/// first step with the keyboard only), gets a receipt that shows nothing back, and a Nord panel member
/// finds it in the triage queue; another visitor writes to the Miviludes and gets a MIV receipt.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class PublicFormsJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_member_of_the_public_reports_a_concern_in_four_steps_and_the_Nord_panel_finds_it_in_its_queue()
    {
        var surname = Journeys.UniqueSurname("Public");
        var capitalised = char.ToUpperInvariant(surname[0]) + surname[1..];
        await using var visitorBrowser = await app.OpenBrowserAsync();
        var visitor = visitorBrowser.Page;

        await visitor.GotoAsync("/Account/Login");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Signaler une inquiétude" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Signaler une inquiétude au sujet d'un proche", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.GetByText("Étape 1 sur 4")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(visitor, "step 1 of the concern form");

        // Nothing filled in: the error summary lists what is missing, on this step.
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Indiquez si vous acceptez d'être recontacté." })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(visitor, "step 1 with its error summary");

        // Step 1 with the keyboard only.
        await visitor.GetByLabel("Votre lien avec la personne").FocusAsync();
        await visitor.Keyboard.PressAsync("P");
        await visitor.Keyboard.PressAsync("Tab");
        await visitor.Keyboard.TypeAsync("Martine Dupont");
        await visitor.Keyboard.PressAsync("Tab");
        await visitor.Keyboard.PressAsync("Space");
        await visitor.Keyboard.PressAsync("Tab");
        await visitor.Keyboard.TypeAsync("martine.dupont@example.fr");
        await visitor.Keyboard.PressAsync("Tab");
        await visitor.Keyboard.TypeAsync("06 12 34 56 78");
        await visitor.Keyboard.PressAsync("Enter");

        await Expect(visitor.GetByText("Étape 2 sur 4")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(visitor, "step 2 of the concern form");
        await visitor.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Sofiane");
        await visitor.GetByLabel("Nom", new() { Exact = true }).FillAsync(capitalised);
        await visitor.GetByLabel("Âge approximatif").FillAsync("19");
        await visitor.GetByLabel("Département où vit la personne").SelectOptionAsync("59");

        // "Précédent" goes back with the answers kept, and forward again.
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Précédent" }).ClickAsync();
        await Expect(visitor.GetByText("Étape 1 sur 4")).ToBeVisibleAsync();
        await Expect(visitor.GetByLabel("Adresse électronique")).ToHaveValueAsync("martine.dupont@example.fr");
        await Expect(visitor.GetByLabel("Oui", new() { Exact = true })).ToBeCheckedAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Expect(visitor.GetByLabel("Nom", new() { Exact = true })).ToHaveValueAsync(capitalised);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();

        await Expect(visitor.GetByText("Étape 3 sur 4")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(visitor, "step 3 of the concern form");
        await visitor.GetByText("Rupture avec la famille ou les proches", new() { Exact = true }).ClickAsync();
        await visitor.GetByText("Menaces contre des personnes ou des institutions", new() { Exact = true }).ClickAsync();
        await visitor.GetByLabel("Décrivez la situation").FillAsync("Mon neveu a coupé les ponts avec toute la famille et menace ses anciens professeurs.");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();

        await Expect(visitor.GetByText("Étape 4 sur 4")).ToBeVisibleAsync();
        await Expect(visitor.GetByText(capitalised)).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Politique de confidentialité des formulaires" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(visitor, "step 4 (check and send) of the concern form");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Cochez la case" })).ToBeVisibleAsync();
        await visitor.GetByText("J'ai lu les informations ci-dessus et j'accepte que ce signalement").ClickAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();

        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Signalement reçu", Level = 1 })).ToBeVisibleAsync();
        var receipt = (await visitor.Locator("#receipt-number").InnerTextAsync()).Trim();
        receipt.ShouldMatch("^SIG-[0-9]{4}-[A-Z0-9]{8}$");
        await Axe.AssertAccessibleAsync(visitor, "the receipt of the concern form");
        await visitor.ReloadAsync();
        (await visitor.ContentAsync()).ShouldNotContain(capitalised);
        (await visitor.ContentAsync()).ShouldNotContain("Martine");

        await using var panelBrowser = await app.OpenBrowserAsync();
        var member = panelBrowser.Page;
        await Journeys.SignInNewUserAsync(app, member, Roles.Ged, "59", "Nadia Membre");
        await member.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "File de tri" }).ClickAsync();
        var row = member.GetByRole(AriaRole.Row).Filter(new() { HasText = receipt });
        await Expect(row).ToContainTextAsync(surname.ToUpperInvariant());

        // Taken in charge: a new person of the register is created from the report.
        await row.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Prendre en charge", Level = 2 })).ToBeVisibleAsync();
        await Expect(member.GetByLabel("Créer une nouvelle personne")).ToBeCheckedAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Prendre en charge" }).ClickAsync();
        await Expect(member).ToHaveURLAsync(Journeys.PersonUrl());
        await Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signalement pris en charge et rattaché." })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_visitor_writes_to_the_Miviludes_and_gets_a_MIV_receipt()
    {
        await using var browser = await app.OpenBrowserAsync();
        var visitor = browser.Page;
        await visitor.GotoAsync("/Account/Login");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Saisir la Miviludes" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Saisir la Miviludes (dérives sectaires)", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(visitor, "the Miviludes referral form");

        await visitor.GetByText("Je demande une information ou un conseil", new() { Exact = true }).ClickAsync();
        await visitor.GetByLabel("Groupe, mouvement ou pratique concerné").FillAsync("Cercle de l'Éveil intérieur");
        await visitor.GetByLabel("Votre lien avec la personne concernée").SelectOptionAsync("parent");
        await visitor.GetByText("Rupture soudaine avec la famille", new() { Exact = true }).ClickAsync();
        await visitor.GetByText("Exigences financières importantes", new() { Exact = true }).ClickAsync();
        await visitor.GetByLabel("Décrivez la situation").FillAsync("Ma fille a versé 20 000 euros pour des stages et ne vient plus aux fêtes de famille.");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();

        // A request for information needs a way to answer, and the consent.
        await Expect(visitor.GetByRole(AriaRole.Alert)).ToContainTextAsync("Pour recevoir une réponse");
        await Axe.AssertAccessibleAsync(visitor, "the Miviludes form with its error summary");
        await visitor.GetByLabel("Adresse électronique").FillAsync("parent.inquiet@example.fr");
        await visitor.GetByLabel("Votre région").SelectOptionAsync("Occitanie");
        await visitor.GetByText("J'ai lu les informations ci-dessus et j'accepte que ma demande").ClickAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();

        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Demande reçue par la Miviludes", Level = 1 })).ToBeVisibleAsync();
        await Expect(visitor.Locator("#receipt-number")).ToHaveTextAsync(MivReceipt());
        (await visitor.ContentAsync()).ShouldNotContain("Éveil");
        await Axe.AssertAccessibleAsync(visitor, "the receipt of the Miviludes form");
        var receipt = await visitor.Locator("#receipt-number").InnerTextAsync();

        // The referral waits in the Miviludes analysts' queue, with the region the sender gave.
        await using var analystBrowser = await app.OpenBrowserAsync();
        var analyst = analystBrowser.Page;
        await Journeys.SignInNewUserAsync(app, analyst, Roles.Miviludes, AccessScope.NationalValue, "Mila Analyste");
        await analyst.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Saisines Miviludes" }).ClickAsync();
        var row = analyst.GetByRole(AriaRole.Row).Filter(new() { HasText = receipt });
        await Expect(row).ToContainTextAsync("Occitanie");
        await row.GetByRole(AriaRole.Link, new() { Name = receipt }).ClickAsync();
        await Expect(analyst.GetByText("Cercle de l'Éveil intérieur")).ToBeVisibleAsync();

        await visitor.GotoAsync("/confidentialite");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Confidentialité des formulaires publics", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(visitor, "the privacy notice of the public forms");
    }

    [GeneratedRegex("^MIV-[0-9]{4}-[A-Z0-9]{8}$")]
    private static partial Regex MivReceipt();
}
