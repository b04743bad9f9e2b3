using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Data;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed partial class StewardJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_panel_chair_lists_probable_duplicates_merges_the_demo_pair_sees_the_notice_and_undoes_the_merge()
    {
        // A chair of the Nord of their own: no other journey signs in with it, so no TOTP code is shared in a 30 s window.
        var email = await NewChairAsync("59");
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await Journeys.SignInWithTwoFactorAsync(page, email);

        // The demo's duplicate is proposed, with the pair's probability and why; the demo's twins are not.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Doublons probables" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Doublons probables", Level = 1 })).ToBeVisibleAsync();
        var pairs = page.GetByRole(AriaRole.Table, new() { Name = "Paires de fiches probablement en double, les plus probables d'abord" });
        var row = pairs.GetByRole(AriaRole.Row).Filter(new() { HasText = "KANTÉ Oumar" }).Filter(new() { HasText = "KANTÉ Umar" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(Percent());
        await Expect(row).ToContainTextAsync("Date de naissance : identique");
        await Expect(pairs).Not.ToContainTextAsync("DELCOURT");
        await Axe.AssertAccessibleAsync(page, "the probable duplicates");

        // The merge page: both records side by side; keep Oumar, give a reason, merge.
        await row.GetByRole(AriaRole.Link, new() { NameRegex = ExamineLink() }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fusionner deux fiches", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Comparaison des deux fiches" })).ToContainTextAsync("Maubeuge");
        await Axe.AssertAccessibleAsync(page, "the merge page");
        await page.Locator("label", new() { HasText = "Conserver KANTÉ Oumar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Conserver KANTÉ Oumar") })).ToBeCheckedAsync();

        // Without a reason nothing is merged and the field says why.
        await page.GetByRole(AriaRole.Button, new() { Name = "Fusionner les deux fiches" }).ClickAsync();
        var reason = page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Motif de la fusion") });
        await Expect(reason).ToHaveAccessibleDescriptionAsync(new Regex("Le motif est obligatoire\\."));
        await Axe.AssertAccessibleAsync(page, "the merge page with an error");
        await reason.FillAsync("Même date de naissance et même adresse ; prénom orthographié différemment par les deux signalants.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fusionner les deux fiches" }).ClickAsync();

        // The survivor's file says so and lists the merge; the merged record points to the survivor and offers no action.
        await Expect(page).ToHaveURLAsync(Journeys.PersonUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "KANTÉ Oumar", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Fiches fusionnées" })).ToBeVisibleAsync();
        var history = page.GetByRole(AriaRole.Table, new() { Name = "Historique des fusions" });
        await Expect(history).ToContainTextAsync("prénom orthographié différemment");
        await history.GetByRole(AriaRole.Link, new() { Name = "KANTÉ Umar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "KANTÉ Umar", Level = 1 })).ToBeVisibleAsync();
        var notice = page.Locator("#merged-notice");
        await Expect(notice).ToContainTextAsync("Fusionnée dans");
        await Expect(notice.GetByRole(AriaRole.Link, new() { Name = "KANTÉ Oumar" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un signalement pour cette personne" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, "a merged person's page");

        // Undo, with a reason, from the list of merges.
        await page.GotoAsync("/steward/merges");
        var merges = page.GetByRole(AriaRole.Table, new() { Name = "Fusions de fiches, les plus récentes d'abord" });
        var merge = merges.GetByRole(AriaRole.Row).Filter(new() { HasText = "KANTÉ Umar" }).Filter(new() { HasText = "Active" });
        await Expect(merge).ToHaveCountAsync(1);
        await merge.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Annuler la fusion") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Annuler la fusion de KANTÉ Umar dans KANTÉ Oumar", Level = 2 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the undo form");
        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Motif de l'annulation") }).FillAsync("Démonstration : fusion annulée.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'annulation de la fusion" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Fusion annulée" })).ToBeVisibleAsync();
        await Expect(merges.GetByRole(AriaRole.Row).Filter(new() { HasText = "KANTÉ Umar" }).First).ToContainTextAsync("Annulée le");
        await page.GotoAsync("/register?q=kante");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Personnes du registre" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await page.GotoAsync("/steward/duplicates");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "KANTÉ Oumar" }).Filter(new() { HasText = "KANTÉ Umar" })).ToHaveCountAsync(1);
    }

    /// <summary>A panel chair with the demo password and a known TOTP secret, as the demo seed makes its accounts.</summary>
    private async Task<string> NewChairAsync(string territories)
    {
        var email = $"{Journeys.UniqueSurname("steward")}@test.passerelle.fr";
        await app.AsSystemAsync(async services =>
        {
            var outcome = await UserAccounts.CreateAsync(services, email, "Solène Steward", Roles.GedChair, territories, DemoSeed.Password, twoFactorEnabled: true);
            outcome.Errors.ShouldBeEmpty();
            var user = outcome.User.ShouldNotBeNull();
            var keys = (IUserAuthenticatorKeyStore<AppUser>)services.GetRequiredService<IUserStore<AppUser>>();
            await keys.SetAuthenticatorKeyAsync(user, DemoSeed.TotpSecret(email), CancellationToken.None);
            (await services.GetRequiredService<UserManager<AppUser>>().UpdateAsync(user)).Succeeded.ShouldBeTrue();
            return user;
        });
        return email;
    }

    [GeneratedRegex(@"\d+\s?%")]
    private static partial Regex Percent();

    [GeneratedRegex("^Examiner et fusionner")]
    private static partial Regex ExamineLink();
}
