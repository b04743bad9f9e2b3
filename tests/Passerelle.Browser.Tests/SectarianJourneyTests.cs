using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 4, behind the doors: a sectarian-drift referral from Hauts-de-France waits in the Miviludes queue; an
/// analyst reads it, answers recommending the regional association of the demo (ADFI Nord — Pas-de-Calais),
/// classifies it, and the annual observation counts it. The referral is inserted as the public form records it.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SectarianJourneyTests(BrowserApp app)
{
    private const string Recommendations = "Gardez le lien avec votre frère sans le juger, et notez les sommes demandées.";

    [Fact]
    public async Task An_analyst_reads_a_referral_answers_it_with_a_regional_association_classifies_it_and_the_observation_counts_it()
    {
        var referral = await app.AsSystemAsync(async services =>
        {
            var db = services.GetRequiredService<PasserelleDb>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var r = new SectarianReferral
            {
                Receipt = Receipts.New("MIV", now),
                Kind = SectarianRequestKind.Report,
                GroupOrPractice = "Atelier de chant harmonique « Voix d'or »",
                SenderRelation = "sibling",
                Criteria = "isolation,financial-demands",
                Narrative = "Mon frère a vendu sa voiture pour payer des stages et ne voit plus personne.",
                ContactName = "Camille Journée",
                ContactEmail = "camille.journee@example.org",
                Region = "Hauts-de-France",

                // A little older than the same day, so the "age" column says days, and it waits near the top of the queue.
                ReceivedAt = now.AddDays(-3).AddMinutes(-5),
            };
            db.SectarianReferrals.Add(r);
            await db.SaveChangesAsync();
            return r;
        });

        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await Journeys.SignInNewUserAsync(app, page, Roles.Miviludes, AccessScope.NationalValue, "Maëlle Miviludes");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" });

        await menu.GetByRole(AriaRole.Link, new() { Name = "Saisines Miviludes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Saisines Miviludes", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = referral.Receipt });
        await Expect(row).ToContainTextAsync("il y a 3 jours");
        await Expect(row).ToContainTextAsync("Hauts-de-France");
        await Expect(row).ToContainTextAsync("Exigences financières");
        await Axe.AssertAccessibleAsync(page, "the Miviludes queue");

        await page.GetByRole(AriaRole.Link, new() { Name = "Voir les chiffres du rapport annuel d'observation." }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Observation annuelle des saisines", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the annual observation figures");
        var before = await CultureArtsThisYearAsync(page);

        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = referral.Receipt }).GetByRole(AriaRole.Link, new() { Name = referral.Receipt }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Saisine {referral.Receipt}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Mon frère a vendu sa voiture")).ToBeVisibleAsync();
        await Expect(page.GetByText("La réponse partira par courriel à camille.journee@example.org")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "a waiting referral with its answer form");

        var regional = page.GetByRole(AriaRole.Group, new() { Name = "De la région Hauts-de-France" });
        await Expect(regional.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et envoyer la réponse" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Le formulaire contient des erreurs" })).ToContainTextAsync("Les recommandations sont obligatoires.");
        await Axe.AssertAccessibleAsync(page, "the answer form with its errors");

        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Recommandations") }).FillAsync(Recommendations);
        // DSFR draws its own boxes: the label is what a user clicks.
        await regional.GetByText("ADFI Nord — Pas-de-Calais").ClickAsync();
        await Expect(regional.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^ADFI Nord") })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Domaine") }).GetByText("Culture et arts", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Culture et arts", Exact = true })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et envoyer la réponse" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Réponse enregistrée" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Réponse donnée", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "ADFI Nord — Pas-de-Calais" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Culture et arts")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "an answered referral");
        var mail = await app.AsSystemAsync(services => services.GetRequiredService<PasserelleDb>().OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.Kind == "sectarian-answer" && m.Subject.Contains(referral.Receipt)));
        mail.To.ShouldBe("camille.journee@example.org");
        mail.Body.ShouldContain(Recommendations);
        mail.Body.ShouldContain("ADFI Nord — Pas-de-Calais");
        mail.Body.ShouldNotContain("voiture");

        await page.GotoAsync("/miviludes/observation");
        (await CultureArtsThisYearAsync(page)).ShouldBe(before + 1);

        await menu.GetByRole(AriaRole.Link, new() { Name = "Associations d'aide" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Associations d'aide aux victimes", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ADFI Nord — Pas-de-Calais" })).ToContainTextAsync("Hauts-de-France");
        await Axe.AssertAccessibleAsync(page, "the list of support associations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une association" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ajouter une association", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the new association form");
    }

    /// <summary>The count of "Culture et arts" for the most recent year (the first year column).</summary>
    private static async Task<int> CultureArtsThisYearAsync(IPage page)
    {
        var cell = page.Locator("#by-domain").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Culture et arts" }) })
            .GetByRole(AriaRole.Cell).First;
        return int.Parse(await cell.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
