using System.Text.RegularExpressions;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 3, in the product: a possible match in another département is only a flag with a button; the
/// other panel receives the request, sees its own person and answers; the sender reads the answer.
/// Two fresh accounts enrol their second factor on the way (no demo account's TOTP code is reused).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CoordinationJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_match_in_Paris_is_a_flag_the_Nord_member_asks_Paris_to_coordinate_Paris_answers_and_the_Nord_reads_the_answer()
    {
        await using var nord = await app.OpenBrowserAsync();
        var sender = nord.Page;
        await Journeys.SignInNewUserAsync(app, sender, Roles.Ged, "59", "Nadia Nord");

        // The demo register of Paris holds Emma Laurent, born 2005-05-30.
        await sender.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Nouveau signalement" }).ClickAsync();
        await sender.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Nom Le nom ou le prénom") }).FillAsync("Laurent");
        await sender.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Emma");
        await sender.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Date de naissance") }).FillAsync("2005-05-30");
        await sender.GetByRole(AriaRole.Button, new() { Name = "Rechercher dans le registre" }).ClickAsync();

        await Expect(sender.GetByText("Une correspondance possible existe dans le département 75.")).ToBeVisibleAsync();
        await Expect(sender.GetByText("Propos justifiant")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(sender, "the report form with its candidates and flags");
        await sender.GetByRole(AriaRole.Button, new() { Name = "Demander une coordination au GED du 75" }).ClickAsync();
        await Expect(sender.GetByRole(AriaRole.Status).Filter(new() { HasText = "Demande de coordination envoyée au GED du 75" })).ToBeVisibleAsync();
        // The form still holds what was typed: the report can be recorded afterwards.
        await Expect(sender.GetByLabel("Prénom", new() { Exact = true })).ToHaveValueAsync("Emma");

        await using var paris = await app.OpenBrowserAsync();
        var receiver = paris.Page;
        await Journeys.SignInNewUserAsync(app, receiver, Roles.Ged, "75", "Pierre Paris");
        await receiver.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Coordination" }).ClickAsync();
        await Expect(receiver.GetByRole(AriaRole.Heading, new() { Name = "Demandes de coordination", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(receiver, "the coordination requests page");
        var row = receiver.GetByRole(AriaRole.Row).Filter(new() { HasText = "LAURENT Emma" });
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(receiver.GetByRole(AriaRole.Heading, new() { Name = "Demande de coordination", Level = 1 })).ToBeVisibleAsync();
        await Expect(receiver.GetByRole(AriaRole.Link, new() { Name = "LAURENT Emma" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(receiver, "a coordination request, receiving side");
        await receiver.GetByLabel("Réponse *").FillAsync("Personne suivie par le GED 75 : appelez le secrétariat au 01 00 00 00 00.");
        await receiver.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse" }).ClickAsync();
        await Expect(receiver.GetByText("Réponse envoyée.")).ToBeVisibleAsync();

        await sender.GotoAsync("/coordination?view=sent");
        await sender.GetByRole(AriaRole.Row).Filter(new() { HasText = "LAURENT Emma" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(sender.GetByText("Personne suivie par le GED 75 : appelez le secrétariat au 01 00 00 00 00.")).ToBeVisibleAsync();
        await Expect(sender.GetByRole(AriaRole.Link, new() { Name = "LAURENT Emma" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(sender, "a coordination request, sending side");
    }
}
