using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Assessments;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 5, structured assessments: a panel member of the Nord requests an assessment of a case; an assessor (a second
/// browser) records it item by item and completes it; a second one follows; the comparison shows what changed, in
/// words, with no total. Axe on each page.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AssessmentJourneyTests(BrowserApp app)
{
    private static async Task RequestAsync(IPage ged, Guid caseId, string note)
    {
        await ged.GotoAsync($"/assessments/new?caseId={caseId}");
        await Expect(ged.GetByRole(AriaRole.Heading, new() { Name = "Demander une évaluation", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(ged, "the assessment request form");
        // Another journey may have published a second grid: then the member chooses the example grid.
        var grids = ged.Locator("select#GridId");
        if (await grids.CountAsync() > 0)
        {
            var eic = await grids.Locator("option", new() { HasText = "(EIC," }).First.GetAttributeAsync("value");
            await grids.SelectOptionAsync(eic!);
        }

        await ged.GetByLabel("Note pour l'évaluateur").FillAsync(note);
        await ged.GetByRole(AriaRole.Button, new() { Name = "Demander l'évaluation" }).ClickAsync();
        await Expect(ged.GetByRole(AriaRole.Status).Filter(new() { HasText = "Évaluation demandée" })).ToBeVisibleAsync();
    }

    private static async Task RecordAsync(IPage assessor, string surname, (string Code, string Rating, string? Evidence)[] ratings, string narrative, bool checkAccessibility)
    {
        await assessor.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Évaluations" }).ClickAsync();
        await Expect(assessor.GetByRole(AriaRole.Heading, new() { Name = "Évaluations", Level = 1 })).ToBeVisibleAsync();
        if (checkAccessibility)
        {
            await Axe.AssertAccessibleAsync(assessor, "the assessments list");
        }

        await assessor.GetByRole(AriaRole.Row).Filter(new() { HasText = surname.ToUpperInvariant() }).Filter(new() { HasText = "Demandée" })
            .GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Rédiger") }).ClickAsync();
        await Expect(assessor.GetByRole(AriaRole.Heading, new() { Name = "Évaluation structurée", Level = 1 })).ToBeVisibleAsync();
        if (checkAccessibility)
        {
            await Axe.AssertAccessibleAsync(assessor, "the assessment form");
        }

        foreach (var (code, rating, evidence) in ratings)
        {
            var item = assessor.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^" + code + " ") });
            // DSFR draws the radio on its label (the input itself is visually hidden): a user clicks the label.
            await item.Locator("label").GetByText(rating, new() { Exact = true }).ClickAsync();
            await Expect(item.GetByLabel(rating, new() { Exact = true })).ToBeCheckedAsync();
            if (evidence is not null)
            {
                await assessor.GetByLabel($"Éléments observés ({code})").FillAsync(evidence);
                await assessor.GetByLabel($"Source ({code})").FillAsync("Entretien");
            }
        }

        await assessor.GetByLabel("Appréciation d'ensemble").FillAsync(narrative);
        await assessor.GetByRole(AriaRole.Button, new() { Name = "Terminer l'évaluation" }).ClickAsync();
        await Expect(assessor.GetByRole(AriaRole.Status).Filter(new() { HasText = "Évaluation terminée" })).ToBeVisibleAsync();
        if (checkAccessibility)
        {
            await Axe.AssertAccessibleAsync(assessor, "a completed assessment");
        }
    }

    [Fact]
    public async Task A_member_requests_an_assessment_an_assessor_completes_two_and_the_comparison_shows_what_changed()
    {
        var surname = Journeys.UniqueSurname("Evaluee");
        var caseId = await app.AsSystemAsync(async services =>
        {
            await AssessmentGridSeed.EnsureAsync(services.GetRequiredService<PasserelleDb>());
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", null, null, "Louise", surname, null, new PartialDate(2006, 4, 2), "Lille", Sex.Female, null,
                    ["family-rupture"], "Isolement progressif signalé par le collège.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!.CaseId;
        });

        await using var panel = await app.OpenBrowserAsync();
        var ged = panel.Page;
        await Journeys.SignInNewUserAsync(app, ged, Roles.Ged, "59", "Gérard Groupe");
        await RequestAsync(ged, caseId, "Merci d'éclairer l'engagement récent.");
        await Expect(ged.GetByRole(AriaRole.Heading, new() { Name = "Évaluation structurée", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(ged, "a requested assessment, seen by the panel member");

        await using var assessorBrowser = await app.OpenBrowserAsync();
        var assessor = assessorBrowser.Page;
        await Journeys.SignInNewUserAsync(app, assessor, Roles.Assessor, "59", "Ariane Évaluatrice");
        await RecordAsync(assessor, surname,
            [("ENG1", "Présent", "Évoque une injustice à chaque entretien."), ("INT3", "Absent", null), ("CAP2", "Partiellement présent", "Accès à un atelier d'un proche.")],
            "Engagement marqué, intention non établie.", checkAccessibility: true);
        await Expect(assessor.GetByText("Cette évaluation est terminée : elle ne change plus.", new() { Exact = false })).ToBeVisibleAsync();

        await RequestAsync(ged, caseId, "Réexamen.");
        await RecordAsync(assessor, surname,
            [("ENG1", "Absent", "N'évoque plus ce grief depuis sa formation."), ("INT3", "Absent", null), ("CAP2", "Partiellement présent", "Accès inchangé.")],
            "Évolution favorable.", checkAccessibility: false);

        await assessor.GetByRole(AriaRole.Link, new() { Name = "Comparer les évaluations" }).First.ClickAsync();
        await Expect(assessor.GetByRole(AriaRole.Heading, new() { Name = "Évaluations successives", Level = 1 })).ToBeVisibleAsync();
        var eng1 = assessor.GetByRole(AriaRole.Row).Filter(new() { HasText = "ENG1" });
        await Expect(eng1.GetByText("Modifié", new() { Exact = true })).ToHaveCountAsync(1);
        await Expect(assessor.GetByRole(AriaRole.Row).Filter(new() { HasText = "CAP2" }).GetByText("Modifié", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(assessor.GetByText("Modifié", new() { Exact = true })).ToHaveCountAsync(1);
        await Expect(assessor.GetByText("Évolution favorable.")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(assessor, "the side-by-side comparison");
    }
}

/// <summary>The administrator's grid pages: the list, a published edition, a new grid's draft form. Axe on each.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AssessmentGridsJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task An_administrator_reads_the_example_grid_and_starts_a_new_grid()
    {
        await app.AsSystemAsync(services => AssessmentGridSeed.EnsureAsync(services.GetRequiredService<PasserelleDb>()));
        await using var browser = await app.OpenBrowserAsync();
        var admin = browser.Page;
        await Journeys.SignInNewUserAsync(app, admin, Roles.Admin, AccessScope.NationalValue, "Adèle Administratrice");
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Grilles d'évaluation" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Grilles d'évaluation", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(admin, "the grids list");

        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Consulter : EIC") }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Grille EIC, édition 1", Level = 1 })).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Créer une nouvelle édition" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(admin, "a published grid");

        var code = "J" + Journeys.UniqueSurname("g").ToUpperInvariant()[..6];
        await admin.GotoAsync("/admin/grids");
        await admin.GetByLabel("Code").FillAsync(code);
        await admin.GetByLabel("Nom en français").FillAsync("Grille du parcours");
        await admin.GetByLabel("Nom en anglais").FillAsync("Journey grid");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Créer la grille" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"Grille {code}, édition 1", Level = 1 })).ToBeVisibleAsync();
        var row = admin.GetByRole(AriaRole.Group, new() { Name = "Nouvel élément" });
        await row.GetByLabel("Position").FillAsync("1");
        await row.GetByLabel("Code de l'élément").FillAsync("P1");
        await row.GetByLabel("Code du domaine").FillAsync("engagement");
        await row.GetByLabel("Domaine (français)").FillAsync("Engagement");
        await row.GetByLabel("Domaine (anglais)").FillAsync("Engagement");
        await row.GetByLabel("Libellé (français)").FillAsync("Premier élément");
        await row.GetByLabel("Libellé (anglais)").FillAsync("First item");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "Brouillon enregistré." })).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Group, new() { Name = "Élément P1" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(admin, "a draft grid being edited");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publier cette édition" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "Édition publiée." })).ToBeVisibleAsync();
    }
}
