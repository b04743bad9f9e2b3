using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Data;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class AccessTests(BrowserApp app)
{
    [Fact]
    public async Task A_panel_member_of_the_Nord_opening_the_address_of_a_Paris_person_sees_page_not_found_and_nothing_of_the_person()
    {
        var person = await app.AsSystemAsync(services => services.GetRequiredService<PasserelleDb>().Persons
            .AsNoTracking().Where(p => p.TerritoryCode == "75").OrderBy(p => p.Surname).FirstAsync());
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await Journeys.SignInWithTwoFactorAsync(page, Journeys.Ged59);

        var response = await page.GotoAsync($"/persons/{person.Id}");

        response.ShouldNotBeNull().Status.ShouldBe(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable", Level = 1 })).ToBeVisibleAsync();
        var html = await page.ContentAsync();
        html.ShouldNotContain(person.Surname, Case.Insensitive);
        html.ShouldNotContain(person.GivenName, Case.Insensitive);
        await Axe.AssertAccessibleAsync(page, "the page-not-found page");
    }

    [Fact]
    public async Task A_new_user_without_two_factor_is_sent_to_enrolment_and_lands_on_the_home_page_after_entering_a_valid_code()
    {
        const string password = "Enrolment-Test-2026!x";
        var email = $"{Journeys.UniqueSurname("nouveau")}@test.passerelle.fr";
        await app.AsSystemAsync(async services =>
        {
            var outcome = await UserAccounts.CreateAsync(services, email, "Nina Nouvelle", Roles.Ged, "59", password, twoFactorEnabled: false);
            outcome.Errors.ShouldBeEmpty();
            return outcome.User.ShouldNotBeNull();
        });
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Journeys.EnrolmentUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activer la vérification en deux étapes", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the two-step enrolment page");

        // Until enrolled, the register stays closed.
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" })).ToHaveCountAsync(0);

        var key = await page.Locator("#authenticator-key").InnerTextAsync();
        key.ShouldMatch("^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$");
        await page.GetByLabel("Code de vérification").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bonjour Nina Nouvelle", Level = 1 })).ToBeVisibleAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe("/");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Registre" })).ToBeVisibleAsync();
    }
}
