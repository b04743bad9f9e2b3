using System.Globalization;
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
/// Issue 6, the disengagement programme: a Lille programme worker records a referral by the probation service with
/// two court-ordered obligations (the second row added without script), enrols the participant with an explicit
/// follow-up window, adds plan components, a milestone and one incident, then records the end of follow-up (the
/// dates lie in the past, so no clock is moved): the participant shows Ended. Axe on each page.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ProgrammeJourneyTests(BrowserApp app)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_programme_worker_takes_a_participant_from_referral_to_the_end_of_follow_up_with_one_incident()
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var surname = Journeys.UniqueSurname("Programme");

        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await Journeys.SignInNewUserAsync(app, page, Roles.Programme, "59,62,80,02,60", "Paul Programme");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" });
        await menu.GetByRole(AriaRole.Link, new() { Name = "Programme de désengagement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programme de désengagement", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Vos sites : capacité et inscrits" })).ToContainTextAsync("Site de Lille");
        await Axe.AssertAccessibleAsync(page, "the programme's participants");

        // The referral, with a second obligation row added by a plain submit button.
        await page.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une orientation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle orientation", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the referral form");
        await page.GetByLabel("Site *").SelectOptionAsync("LIL");
        await page.GetByLabel("Nom de famille *").FillAsync(surname);
        await page.GetByLabel("Prénom *").FillAsync("Karim");
        await page.GetByLabel(new Regex("^Année de naissance")).FillAsync("1991");
        await page.Locator("label[for=source-Probation]").ClickAsync();
        await Expect(page.GetByLabel("Service pénitentiaire d'insertion et de probation (SPIP)")).ToBeCheckedAsync();
        await page.GetByLabel(new Regex("^Service orienteur")).FillAsync("SPIP du Nord");
        await page.GetByLabel("Agent ou magistrat référent").FillAsync("Mme Leclercq");
        await page.GetByLabel("Date de l'orientation *").FillAsync(Iso(today.AddDays(-300)));
        var first = page.GetByRole(AriaRole.Group, new() { Name = "Obligation 1" });
        await first.GetByLabel("Nature de l'obligation *").SelectOptionAsync("Residence");
        await first.GetByLabel("Début *").FillAsync(Iso(today.AddDays(-300)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter une obligation" }).ClickAsync();
        var second = page.GetByRole(AriaRole.Group, new() { Name = "Obligation 2" });
        await Expect(second).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nom de famille *")).ToHaveValueAsync(surname);
        await second.GetByLabel("Nature de l'obligation *").SelectOptionAsync("Reporting");
        await second.GetByLabel("Début *").FillAsync(Iso(today.AddDays(-300)));
        await second.GetByLabel("Fin", new() { Exact = true }).FillAsync(Iso(today.AddDays(400)));
        await Axe.AssertAccessibleAsync(page, "the referral form with two obligations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'orientation" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{surname} Karim", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("L'orientation est enregistrée.");
        await Expect(page.GetByText("Obligation de pointage — du")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "a referred participant");

        // Enrolment with an explicit follow-up window.
        await page.GetByLabel("Date d'inscription *").FillAsync(Iso(today.AddDays(-280)));
        await page.GetByLabel(new Regex("^Fin de la fenêtre de suivi")).FillAsync(Iso(today.AddDays(-5)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire au programme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le participant est inscrit.");
        await Expect(page.Locator("#participant-status")).ToHaveTextAsync("Inscrits");
        await Axe.AssertAccessibleAsync(page, "an enrolled participant");

        // Plan components.
        foreach (var (kind, provider) in new[] { ("Housing", "Association d'hébergement"), ("MentalHealth", "Centre médico-psychologique") })
        {
            await page.GetByText("Ajouter ou modifier une composante").ClickAsync();
            await page.Locator("#Component_Kind").SelectOptionAsync(kind);
            await page.Locator("#Component_Status").SelectOptionAsync("Active");
            await page.GetByLabel("Intervenant ou structure").FillAsync(provider);
            await page.Locator("#Component_StartedOn").FillAsync(Iso(today.AddDays(-270)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la composante" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La composante est enregistrée.");
        }

        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Plan individuel" })).ToContainTextAsync("Centre médico-psychologique");

        // A milestone, one incident, then the end of follow-up.
        foreach (var (kind, days, note) in new[] { ("Milestone", -200, "Logement stable obtenu"), ("Incident", -150, "Absence à deux rendez-vous"), ("EndOfFollowUp", -5, "Fenêtre de suivi atteinte") })
        {
            await page.GetByText("Enregistrer un événement").First.ClickAsync();
            await page.Locator("#Event_Kind").SelectOptionAsync(kind);
            await page.GetByLabel("Date de l'événement *").FillAsync(Iso(today.AddDays(days)));
            await page.Locator("#Event_Note").FillAsync(note);
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'événement" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("L'événement est enregistré.");
        }

        await Expect(page.Locator("#participant-status")).ToHaveTextAsync("Sortis");
        await Expect(page.Locator("#events")).ToContainTextAsync("Incident");
        await Expect(page.GetByText("Cette participation est terminée")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'événement" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, "an ended participant");

        var stored = await app.AsSystemAsync(services => services.GetRequiredService<PasserelleDb>().ProgrammeParticipants.AsNoTracking().SingleAsync(p => p.Surname == surname));
        stored.Status.ShouldBe(ParticipantStatus.Ended);
        stored.EndReason.ShouldBe(ParticipantEndReason.FollowUpCompleted);
        (await app.AsSystemAsync(services => services.GetRequiredService<PasserelleDb>().ParticipantEvents.CountAsync(e => e.ParticipantId == stored.Id && e.Kind == ParticipantEventKind.Incident))).ShouldBe(1);

        await page.GotoAsync(new Uri(app.BaseUrl, "/programme?status=ended").ToString());
        await Expect(page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^Sortis") })).ToContainTextAsync(surname);
        await Axe.AssertAccessibleAsync(page, "the ended participants");
    }
}
