using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 5, a panel meeting from the chair's seat: members added (one chair), a meeting scheduled with its agenda
/// built, an item moved up, the meeting started with attendance ticked, ended, the minutes validated and printed to PDF.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PanelMeetingJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_chair_adds_members_schedules_a_meeting_reorders_the_agenda_takes_attendance_ends_validates_and_prints_the_minutes()
    {
        var first = Journeys.UniqueSurname("Premier");
        var second = Journeys.UniqueSurname("Second");
        await SeedCaseAsync(first);
        await SeedCaseAsync(second);
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await Journeys.SignInNewUserAsync(app, page, Roles.GedChair, "59", "Chloé Présidente");

        // Members' names unique to this run: the demo panel and other journeys share the Nord's member list.
        var chairMember = "Chloé " + Journeys.UniqueSurname("Presidente");
        var prosecutor = "Paul " + Journeys.UniqueSurname("Procureur");

        await page.GotoAsync("/panel/members");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Membres du GED", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the panel members list");
        await AddMemberAsync(page, chairMember, "prefecture", "Chair", checkAccessibility: true);
        await AddMemberAsync(page, prosecutor, "parquet", "Prosecutor", checkAccessibility: false);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = prosecutor })).ToContainTextAsync("Procureur de la République");

        await page.GotoAsync("/panel/meetings");
        await Axe.AssertAccessibleAsync(page, "the meetings list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Programmer une réunion" }).ClickAsync();
        await Axe.AssertAccessibleAsync(page, "the new meeting form");
        var day = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(10);
        await page.GetByLabel("Date", new() { Exact = false }).First.FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel(new Regex("^Heure")).FillAsync("14:30");
        await page.GetByLabel("Lieu").FillAsync("Préfecture du Nord, salle 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Programmer et constituer l'ordre du jour" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Réunion programmée");
        var firstRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = first.ToUpperInvariant() });
        var secondRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = second.ToUpperInvariant() });
        await Expect(firstRow).ToContainTextAsync("Nouvelle situation");
        await Expect(secondRow).ToContainTextAsync("Nouvelle situation");
        await Axe.AssertAccessibleAsync(page, "a scheduled meeting with its built agenda");
        (await RowIndexAsync(page, first)).ShouldBeLessThan(await RowIndexAsync(page, second));

        await secondRow.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Monter") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ordre du jour réordonné.");
        (await RowIndexAsync(page, second)).ShouldBeLessThan(await RowIndexAsync(page, first));

        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la séance" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Les décisions ne peuvent pas être enregistrées" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Enregistrer une décision") }).First).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "a meeting in session without its chair");
        // DSFR draws the checkbox on its label: tick by clicking the label, as a user does.
        await page.Locator("form label.fr-label", new() { HasText = chairMember }).ClickAsync();
        await page.Locator("form label.fr-label", new() { HasText = prosecutor }).ClickAsync();
        await Expect(page.GetByLabel(new Regex("^" + Regex.Escape(chairMember)))).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les présences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Présences enregistrées.");
        await Expect(page.Locator("#chair-absent")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Clore la séance" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Séance close");

        await page.GetByRole(AriaRole.Link, new() { Name = "Compte rendu", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Compte rendu de la réunion"), Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the minutes before validation");
        await page.GetByLabel(new Regex("^Observations générales")).FillAsync("Séance tenue au complet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les observations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Observations enregistrées.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider le compte rendu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Compte rendu validé");
        await Expect(page.GetByText(new Regex("^Validé par Chloé Présidente"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Valider le compte rendu" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, "the validated minutes");

        var pdf = Path.Combine(Path.GetTempPath(), $"minutes-{Guid.NewGuid():N}.pdf");
        try
        {
            await page.PdfAsync(new() { Path = pdf, Format = "A4" });
            File.Exists(pdf).ShouldBeTrue();
            var head = new byte[4];
            await using (var file = File.OpenRead(pdf))
            {
                (await file.ReadAsync(head)).ShouldBe(4);
            }

            System.Text.Encoding.ASCII.GetString(head).ShouldBe("%PDF");
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    private static async Task AddMemberAsync(IPage page, string name, string service, string function, bool checkAccessibility)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un membre" }).ClickAsync();
        if (checkAccessibility)
        {
            await Axe.AssertAccessibleAsync(page, "the new member form");
        }

        await page.GetByLabel(new Regex("^Nom")).FillAsync(name);
        await page.GetByLabel("Service représenté").SelectOptionAsync(service);
        await page.GetByLabel(new Regex("^Fonction au GED")).SelectOptionAsync(function);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Membre « {name} » ajouté.");
    }

    private static async Task<int> RowIndexAsync(IPage page, string surname)
    {
        var rows = await page.Locator("table tbody tr").AllInnerTextsAsync();
        return rows.ToList().FindIndex(r => r.Contains(surname.ToUpperInvariant(), StringComparison.Ordinal));
    }

    private Task<bool> SeedCaseAsync(string surname) =>
        app.AsSystemAsync(async services =>
        {
            var db = services.GetRequiredService<PasserelleDb>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var person = new Person { TerritoryCode = "59", GivenName = "Camille", Surname = surname, CreatedById = "journey", CreatedAt = now, BirthYear = 2001 };
            person.RefreshSearchKey();
            db.Persons.Add(person);
            db.Cases.Add(Passerelle.Domain.Case.Open(person, "journey", now));
            await db.SaveChangesAsync();
            return true;
        });
}
