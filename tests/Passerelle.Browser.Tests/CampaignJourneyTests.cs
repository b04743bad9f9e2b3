using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 5, a review campaign in the product: the national analyst starts a campaign over every followed case;
/// a member of the Nord's panel reviews each of the Nord's cases from the campaign page until it shows 100 %;
/// the analyst's page then shows the Nord at 100 %, as counts only.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CampaignJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task The_analyst_starts_a_national_campaign_the_Nord_reviews_each_case_and_both_see_100_percent()
    {
        await using var national = await app.OpenBrowserAsync();
        var analyst = national.Page;
        await SignInAnalystAsync(analyst, "Agnès Analyste");
        await analyst.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Campagnes de réexamen" }).ClickAsync();
        await Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Campagnes nationales de réexamen", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(analyst, "the national campaigns");
        await analyst.GetByRole(AriaRole.Link, new() { Name = "Lancer une campagne nationale" }).ClickAsync();
        await Axe.AssertAccessibleAsync(analyst, "the national campaign form");

        // A bad deadline first: a clear error, linked from the summary, and nothing created.
        var title = "Réexamen national " + Journeys.UniqueSurname("Campagne");
        await analyst.GetByLabel("Intitulé *").FillAsync(title);
        await analyst.GetByLabel("Échéance *").FillAsync("2020-01-01");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Lancer la campagne" }).ClickAsync();
        await Expect(analyst.GetByRole(AriaRole.Link, new() { Name = "L'échéance doit être dans le futur." })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(analyst, "the national campaign form with an error");
        await analyst.GetByLabel("Échéance *").FillAsync(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(analyst.GetByRole(AriaRole.Checkbox, new() { Name = "Suivie" })).ToBeCheckedAsync();
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Lancer la campagne" }).ClickAsync();
        await Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(analyst.GetByRole(AriaRole.Rowheader, new() { Name = "59", Exact = true })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(analyst, "a national campaign, counts per département");
        var campaignUrl = analyst.Url;

        await using var nord = await app.OpenBrowserAsync();
        var member = nord.Page;
        await Journeys.SignInNewUserAsync(app, member, Roles.Ged, "59", "Guillaume Nord");
        await member.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "GED" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Accueil du GED", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(member, "the panel's home");
        await member.GetByRole(AriaRole.Link, new() { Name = "Réexamens à faire" }).First.ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Réexamens à faire", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(member, "the reviews due");
        await member.GotoAsync("/panel/campaigns");
        await Axe.AssertAccessibleAsync(member, "the panel's campaigns");
        await member.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(member, "a campaign, panel side");

        var record = member.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Enregistrer le réexamen de ") });
        var reviewed = 0;
        while (await record.CountAsync() > 0 && reviewed < 20)
        {
            await record.First.ClickAsync();
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Enregistrer un réexamen", Level = 1 })).ToBeVisibleAsync();
            if (reviewed == 0)
            {
                await Axe.AssertAccessibleAsync(member, "the review form");
            }

            await member.GetByLabel("Motivation du réexamen *").FillAsync("Situation réexaminée pendant la campagne : suivi maintenu.");
            await member.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le réexamen" }).ClickAsync();
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
            reviewed++;
        }

        reviewed.ShouldBeGreaterThan(0);
        await Expect(member.GetByText("Plus aucune situation à réexaminer.")).ToBeVisibleAsync();
        await Expect(member.GetByText(new Regex($"^100 % réexaminées \\({reviewed} sur {reviewed}\\)"))).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(member, "a campaign at 100 %, panel side");

        await analyst.GotoAsync(campaignUrl);
        var row = analyst.GetByRole(AriaRole.Row).Filter(new() { Has = analyst.GetByRole(AriaRole.Rowheader, new() { Name = "59", Exact = true }) });
        await Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("100 %");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("0");
        await Axe.AssertAccessibleAsync(analyst, "a national campaign with the Nord at 100 %");
    }

    /// <summary>The analyst signs in with a password alone (the role needs no second factor), as the statistics journey does.</summary>
    private async Task SignInAnalystAsync(IPage page, string name)
    {
        const string password = "Journey-Test-2026!x";
        var email = $"{Journeys.UniqueSurname("analyst")}@test.passerelle.fr";
        await app.AsSystemAsync(async services =>
        {
            var outcome = await UserAccounts.CreateAsync(services, email, name, Roles.Analyst, AccessScope.NationalValue, password, twoFactorEnabled: false);
            outcome.Errors.ShouldBeEmpty();
            return outcome.User.ShouldNotBeNull();
        });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Bonjour {name}", Level = 1 })).ToBeVisibleAsync();
    }
}
