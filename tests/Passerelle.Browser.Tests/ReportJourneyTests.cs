using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class ReportJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_panel_member_records_a_report_finds_the_person_in_the_register_moves_the_case_to_assessment_and_signs_out()
    {
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        var surname = Journeys.UniqueSurname("Vandamme");

        await Journeys.SignInWithTwoFactorAsync(page, Journeys.Ged59, checkAccessibility: true);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bonjour Gaëlle Nord", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the home page");

        // Record a report about a new person.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Nouveau signalement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouveau signalement", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the report form");
        await Expect(page.GetByLabel("Département *")).ToHaveValueAsync("59");
        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Nom Le nom ou le prénom") }).FillAsync(surname);
        await page.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Jordan");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Date de naissance" }).FillAsync("2004");

        // DSFR draws the box with the label, which covers the (transparent) input: click the label, as a user does.
        await page.GetByText("Menaces contre des personnes ou des institutions", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Menaces contre des personnes ou des institutions")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Récit" }).FillAsync("Menaces répétées envers un voisin, rapportées par la mairie.");

        // Threats call for at least "urgent" under the triage rules (issue 4): a lower urgency is refused.
        await page.Locator("label[for=urgency-urgent]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le signalement" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Journeys.PersonUrl());
        var success = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signalement enregistré" });
        await Expect(success).ToContainTextAsync(Journeys.Receipt());

        // Find the person through the register's search.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Registre" }).ClickAsync();
        await page.GetByLabel("Nom, prénom ou alias").FillAsync(surname);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        var results = page.GetByRole(AriaRole.Table, new() { Name = "Personnes du registre" });
        await Expect(results.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Axe.AssertAccessibleAsync(page, "the register with results");
        await results.GetByRole(AriaRole.Link, new() { Name = $"{surname.ToUpperInvariant()} Jordan" }).ClickAsync();

        // The person's file: one case, reported, with its timeline.
        await Expect(page).ToHaveURLAsync(Journeys.PersonUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{surname.ToUpperInvariant()} Jordan", Level = 1 })).ToBeVisibleAsync();
        var caseCard = page.Locator("section.fr-card");
        await Expect(caseCard).ToHaveCountAsync(1);
        await Expect(caseCard.Locator(".fr-badge")).ToHaveTextAsync("Signalé");
        var timeline = caseCard.GetByRole(AriaRole.List).Filter(new() { Has = page.Locator("time") });
        // Both events carry the same instant; their order is not asserted (reported: ties are broken by random Guid bits).
        await Expect(timeline.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Dossier ouvert" })).ToHaveCountAsync(1);
        await Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Signalement rattaché" })).ToHaveCountAsync(1);
        await Axe.AssertAccessibleAsync(page, "the person page");

        // Move the case to assessment, with a reason.
        const string reason = "Évaluation décidée en séance du GED.";
        await caseCard.GetByLabel("Nouveau statut").SelectOptionAsync(new SelectOptionValue { Label = "En évaluation" });
        await caseCard.GetByRole(AriaRole.Textbox, new() { Name = "Motif" }).FillAsync(reason);
        await caseCard.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le changement" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Le statut du dossier a été modifié." })).ToBeVisibleAsync();
        await Expect(caseCard.Locator(".fr-badge")).ToHaveTextAsync("En évaluation");
        await Expect(timeline.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        var change = timeline.GetByRole(AriaRole.Listitem).Last;
        await Expect(change).ToContainTextAsync("Statut : Signalé → En évaluation");
        await Expect(change).ToContainTextAsync("par Gaëlle Nord");
        await Expect(change).ToContainTextAsync(reason);

        // Sign out: the register is no longer reachable.
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToHaveCountAsync(0);
        await page.GotoAsync("/register");
        await Expect(page).ToHaveURLAsync(Journeys.LoginUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Submitting_the_report_form_empty_shows_the_error_summary_and_the_field_errors_and_records_nothing()
    {
        var before = await CountsAsync();
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await Journeys.SignInWithTwoFactorAsync(page, "chair59@demo.passerelle.fr");

        await page.GotoAsync("/reports/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le signalement" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Le formulaire contient des erreurs" });
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("Rien n'a été enregistré");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Nom Le nom ou le prénom") })).ToHaveAccessibleDescriptionAsync(new Regex("Indiquez au moins le nom ou le prénom de la personne\\."));
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Récit" })).ToHaveAccessibleDescriptionAsync(new Regex("Ce champ est obligatoire\\.$"));
        await Axe.AssertAccessibleAsync(page, "the report form with validation errors");

        // The summary's links lead to the fields.
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Nom Le nom ou le prénom") })).ToBeFocusedAsync();

        (await CountsAsync()).ShouldBe(before);
    }

    private Task<(int Reports, int Persons, int Cases)> CountsAsync() => app.AsSystemAsync(async services =>
    {
        var db = services.GetRequiredService<PasserelleDb>();
        return (await db.Reports.CountAsync(), await db.Persons.CountAsync(), await db.Cases.CountAsync());
    });
}
