using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Panel.Decisions;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 6, a care plan from consent to closure: the Nord panel refers a case to the CPRAF (through the decision
/// path); a care worker records the person's consent, adds a goal, an intervention, a family member, a
/// family-support session and a progress review with the summary for the panel; a clinician adds a health note;
/// the care worker closes the plan with its outcome; the panel member sees the flag and the summary on the case
/// page, and no note. Axe on each page.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CarePlanJourneyTests(BrowserApp app)
{
    private const string HealthNote = "Bilan clinique confidentiel : anxiété, suivi CMP proposé.";
    private const string SessionNote = "Séance familiale : la mère et le frère présents, dialogue repris.";
    private const string Summary = "Adhère à l'accompagnement ; formation reprise ; dialogue familial renoué.";

    [Fact]
    public async Task A_care_plan_goes_from_consent_to_closure_with_a_family_support_session_and_the_panel_sees_only_the_flag()
    {
        var surname = Journeys.UniqueSurname("Soin");
        var caseId = await app.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", null, null, "Elsa", surname, null, new PartialDate(1999, 6, 1), null, Sex.Female, null,
                    ["family-rupture"], "Rupture familiale signalée par l'assistante sociale.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            var db = services.GetRequiredService<PasserelleDb>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var @case = await db.Cases.Include(c => c.Person).SingleAsync(c => c.Id == recorded!.CaseId);
            var (decision, proposeError) = PanelDecision.Propose(@case, DecisionType.ReferCare, "La famille demande de l'aide ; orientation vers la CPRAF.",
                PanelDecision.DefaultNextReview(DecisionType.ReferCare, DateOnly.FromDateTime(now)), null, null, null, null, "59", null, null, "journey-member", now);
            proposeError.ShouldBeNull();
            var before = @case.Events.Count;
            @case.ApplyDecision(decision!, "journey-member", now).ShouldBeNull();
            db.PanelDecisions.Add(decision!);
            db.CaseEvents.AddRange(@case.Events.Skip(before));
            CompartmentReferrals.OnDecisionApplied(db, @case, decision!, "journey-member", now);
            await db.SaveChangesAsync();
            return @case.Id;
        });
        var label = $"Elsa {surname}";

        await using var careBrowser = await app.OpenBrowserAsync();
        var care = careBrowser.Page;
        await Journeys.SignInNewUserAsync(app, care, Roles.Care, "59", "Camille Accompagnement");
        await care.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Accompagnement (CPRAF)" }).ClickAsync();
        await Expect(care.GetByRole(AriaRole.Heading, new() { Name = "Accompagnement (CPRAF)", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(care, "the CPRAF desk");

        await care.GetByRole(AriaRole.Link, new() { Name = $"{surname.ToUpperInvariant()} Elsa" }).ClickAsync();
        await Expect(care.GetByRole(AriaRole.Heading, new() { Name = $"Orientation de {label}", Level = 1 })).ToBeVisibleAsync();
        await Expect(care.GetByText("La famille demande de l'aide ; orientation vers la CPRAF.")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(care, "a waiting referral");

        await care.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le consentement et ouvrir le plan" }).ClickAsync();
        await Expect(care.Locator("#form-errors")).ToContainTextAsync("Un plan ne peut s'ouvrir qu'avec le consentement recueilli");
        await Axe.AssertAccessibleAsync(care, "the consent form with its error");
        // DSFR draws its own boxes: the label is what a user clicks.
        await care.Locator("label[for=ConsentRecorded]").ClickAsync();
        await Expect(care.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Consentement recueilli") })).ToBeCheckedAsync();
        await care.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le consentement et ouvrir le plan" }).ClickAsync();
        await Expect(care.GetByRole(AriaRole.Heading, new() { Name = $"Plan d'accompagnement de {label} (1999)", Level = 1 })).ToBeVisibleAsync();
        await Expect(care.GetByRole(AriaRole.Status)).ToContainTextAsync("le plan d'accompagnement est ouvert");
        await Axe.AssertAccessibleAsync(care, "a new care plan");

        await care.Locator("#GoalText").FillAsync("Reprendre une formation qualifiante");
        await care.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'objectif" }).ClickAsync();
        await Expect(care.Locator("#goal-list")).ToContainTextAsync("Reprendre une formation qualifiante");

        await care.GetByLabel("Type d'intervention").SelectOptionAsync(new SelectOptionValue { Label = "Insertion professionnelle" });
        await care.Locator("#Provider").FillAsync("Mission locale de Roubaix");
        await care.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'intervention" }).ClickAsync();
        await Expect(care.Locator("#intervention-list")).ToContainTextAsync("Mission locale de Roubaix");

        await care.Locator("#MemberName").FillAsync("Nadia " + surname);
        await care.GetByLabel("Lien avec la personne").SelectOptionAsync(new SelectOptionValue { Label = "Mère" });
        await care.GetByRole(AriaRole.Button, new() { Name = "Associer au plan" }).ClickAsync();
        await Expect(care.Locator("#family-list")).ToContainTextAsync("Nadia " + surname);

        await care.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la séance familiale" }).ClickAsync();
        await Expect(care.Locator("#form-errors")).ToContainTextAsync("Cochez au moins un membre de la famille présent.");
        await Axe.AssertAccessibleAsync(care, "the family-support session form with its error");
        await care.Locator("#FamilyMembers").GetByText($"Nadia {surname} (Mère)").ClickAsync();
        await Expect(care.GetByRole(AriaRole.Checkbox, new() { Name = $"Nadia {surname} (Mère)" })).ToBeCheckedAsync();
        await care.Locator("#FamilyDuration").FillAsync("60");
        await care.Locator("#FamilyNote").FillAsync(SessionNote);
        await care.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la séance familiale" }).ClickAsync();
        await Expect(care.Locator("#session-list")).ToContainTextAsync("Séance de soutien familial");
        await Expect(care.Locator("#session-list")).ToContainTextAsync("Nadia " + surname);

        await care.Locator("#Progress").FillAsync("Présente à tous les rendez-vous ; inscrite en formation.");
        await care.Locator("#ReviewSummary").FillAsync(Summary);
        await care.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le point d'étape" }).ClickAsync();
        await Expect(care.Locator("#panel-summary")).ToHaveTextAsync(Summary);
        await Expect(care.Locator("#health-notes-link")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(care, "a care plan with goals, interventions, family and reviews");
        var planUrl = care.Url.Split('#')[0];

        await using var clinicianBrowser = await app.OpenBrowserAsync();
        var clinician = clinicianBrowser.Page;
        await Journeys.SignInNewUserAsync(app, clinician, Roles.Clinician, "59", "Claude Clinique");
        await clinician.GotoAsync(planUrl);
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Notes de santé (cliniciens seulement)" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Notes de santé"), Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(clinician, "the health notes");
        await clinician.GetByLabel("Nouvelle note de santé").FillAsync(HealthNote);
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Ajouter la note" }).ClickAsync();
        await Expect(clinician.Locator("#note-list")).ToContainTextAsync(HealthNote);

        await care.GotoAsync(planUrl);
        await care.GetByRole(AriaRole.Combobox, new() { Name = "Issue *", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Objectifs atteints" });
        await care.GetByRole(AriaRole.Button, new() { Name = "Clore le plan", Exact = true }).ClickAsync();
        await Expect(care.Locator("#plan-status")).ToHaveTextAsync("Clos");
        await Expect(care.Locator("#read-only")).ToBeVisibleAsync();
        await Expect(care.GetByText(HealthNote)).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(care, "a closed care plan");

        await using var panelBrowser = await app.OpenBrowserAsync();
        var panel = panelBrowser.Page;
        await Journeys.SignInNewUserAsync(app, panel, Roles.Ged, "59", "Gaëlle Panel");
        await panel.GotoAsync($"/cases/{caseId}");
        await Expect(panel.Locator("#care-flag")).ToContainTextAsync("Plan d'accompagnement clos le");
        await Expect(panel.Locator("#care-flag")).ToContainTextAsync("Objectifs atteints");
        await Expect(panel.Locator("#care-flag-summary")).ToContainTextAsync(Summary);
        await Expect(panel.GetByText(HealthNote)).ToHaveCountAsync(0);
        await Expect(panel.GetByText(SessionNote)).ToHaveCountAsync(0);
        (await panel.ContentAsync()).ShouldNotContain("Présente à tous les rendez-vous");
        await Axe.AssertAccessibleAsync(panel, "the case page with its care flag");
    }
}
