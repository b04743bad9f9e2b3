using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Programme.Releases;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 6, the release calendar raising an alert: a worker of the Lille site records a release 5 months ahead with
/// nothing planned; the morning alert job runs; the calendar opens on the alert; the worker links a participant of
/// the site as the prepared takeover and the alert goes.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReleaseCalendarJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_programme_worker_records_a_release_the_alert_job_raises_its_alert_and_linking_a_participant_clears_it()
    {
        var surname = Journeys.UniqueSurname("Sortant");
        var participantSurname = Journeys.UniqueSurname("Accueilli");
        var today = await app.AsSystemAsync(async services =>
        {
            var db = services.GetRequiredService<PasserelleDb>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.ProgrammeParticipants.Add(new ProgrammeParticipant
            {
                SiteCode = "LIL", TerritoryCode = "59", GivenName = "Malik", Surname = participantSurname, BirthYear = 1992,
                Status = ParticipantStatus.Referred, Source = ReferralSource.Probation, ReferringService = "SPIP du Nord",
                ReferredOn = DateOnly.FromDateTime(now).AddDays(-10), CreatedAt = now, CreatedById = "test",
            });
            await db.SaveChangesAsync();
            return DateOnly.FromDateTime(now);
        });
        var covered = ProgrammeSiteData.All.Single(s => s.Code == "LIL").CoveredTerritories;

        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await Journeys.SignInNewUserAsync(app, page, Roles.Programme, covered, "Pierre Calendrier");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" });
        await menu.GetByRole(AriaRole.Link, new() { Name = "Calendrier des sorties" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calendrier des sorties", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the release calendar");

        await page.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une sortie" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enregistrer une sortie de détention", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the new release form");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Le formulaire contient des erreurs" })).ToContainTextAsync("Ce champ est obligatoire.");
        await Axe.AssertAccessibleAsync(page, "the new release form with its errors");

        var releaseOn = today.AddMonths(5);
        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Nom") }).FillAsync(surname);
        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Prénom") }).FillAsync("Yanis");
        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Année de naissance") }).FillAsync("1995");
        await page.GetByLabel(new Regex("^Date de sortie")).FillAsync(releaseOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Établissement") }).FillAsync("Centre pénitentiaire de Lille-Annœullin");
        await page.GetByRole(AriaRole.Combobox, new() { NameRegex = new Regex("^Département de sortie") }).SelectOptionAsync("59");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La sortie est enregistrée.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex($"^Sortie de {surname.ToUpperInvariant()} Yanis"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#takeover")).ToContainTextAsync("Rien de prévu");
        await Axe.AssertAccessibleAsync(page, "a release with nothing planned");

        // The morning job (as the background worker or `passerelle programme release-alerts` runs it).
        var raised = await app.AsSystemAsync(services => services.GetRequiredService<ReleaseAlertJob>().RunAsync(CancellationToken.None));
        raised.ShouldContain(r => r.SiteCode == "LIL" && r.SixMonths >= 1);

        await menu.GetByRole(AriaRole.Link, new() { Name = "Calendrier des sorties" }).ClickAsync();
        var alerts = page.GetByRole(AriaRole.Table, new() { Name = "Alertes : rien de prévu" });
        var alertRow = alerts.GetByRole(AriaRole.Row).Filter(new() { HasText = surname.ToUpperInvariant() });
        await Expect(alertRow).ToContainTextAsync("Alerte 6 mois");
        await Expect(alertRow).ToContainTextAsync("Rien de prévu");
        await Axe.AssertAccessibleAsync(page, "the release calendar with an alert");

        await alertRow.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#takeover")).ToContainTextAsync("Rien de prévu");
        await page.GetByRole(AriaRole.Combobox, new() { NameRegex = new Regex("^Participant du site") }).SelectOptionAsync(new SelectOptionValue { Label = $"{participantSurname.ToUpperInvariant()} Malik" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le participant" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Modification enregistrée.");
        await Expect(page.Locator("#takeover")).ToContainTextAsync("Préparée");
        await Expect(page.Locator("#takeover")).ToContainTextAsync($"Malik {participantSurname}");
        await Axe.AssertAccessibleAsync(page, "a release with its takeover prepared");

        await menu.GetByRole(AriaRole.Link, new() { Name = "Calendrier des sorties" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calendrier des sorties", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Alertes : rien de prévu" }).GetByRole(AriaRole.Row).Filter(new() { HasText = surname.ToUpperInvariant() })).ToHaveCountAsync(0);
        var month = char.ToUpperInvariant(releaseOn.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))[0]) + releaseOn.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))[1..];
        var row = page.GetByRole(AriaRole.Table, new() { Name = month }).GetByRole(AriaRole.Row).Filter(new() { HasText = surname.ToUpperInvariant() });
        await Expect(row).ToContainTextAsync("Préparée");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = $"Malik {participantSurname}" })).ToHaveAttributeAsync("href", new Regex("^/programme/participants/[0-9a-f-]{36}$"));
    }
}
