using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 6, evaluation: the national analyst opens the outcome evaluation, reads a comparison table whose "0 of N"
/// carries its upper bound, sees the Kaplan–Meier curves with their tables, filters by site and downloads the CSV,
/// whose small counts read "&lt; 5" and whose intervals on them are withheld.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EvaluationJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task The_analyst_reads_intervals_and_curves_filters_by_site_and_downloads_a_suppressed_CSV()
    {
        // Cohort 2016 (no demo data is that old): Lille, 9 completed windows, 2 of them with an other offence;
        // Marseille, 6 completed windows, 1 terrorism-related conviction.
        await app.AsSystemAsync(async services =>
        {
            var db = services.GetRequiredService<PasserelleDb>();
            Add(db, "LIL", 7, null);
            Add(db, "LIL", 2, OffenceCategory.Other);
            Add(db, "MRS", 5, null);
            Add(db, "MRS", 1, OffenceCategory.TerrorismRelated);
            return await db.SaveChangesAsync();
        });
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await SignInAnalystAsync(page, "Anne Évaluation");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Évaluation des résultats" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Évaluation des résultats du programme", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Cohorte").SelectOptionAsync("2016");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();

        var table = page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^Comparaison des sites et des cohortes") });
        var lille = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lille — cohorte 2016" });
        await Expect(lille.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("0 sur 9 : 0 % (IC 95 % 0–33,6 %) — borne supérieure unilatérale à 95 % : 28,3 %");
        await Expect(lille.GetByRole(AriaRole.Cell).Nth(3)).ToContainTextAsync("2 sur 9 : 22,2 % (IC 95 % 2,8–60 %)");
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Marseille — cohorte 2016" })).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tous les sites" })).ToBeVisibleAsync();

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Graphique : proportion sans nouvelle infraction, site de Lille, avec bande de confiance à 95 %" });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveAttributeAsync("aria-describedby", "chart-lil-alt");
        await page.WaitForFunctionAsync("() => window.Chart && window.Chart.getChart('chart-lil') !== undefined && window.Chart.getChart('chart-mrs') !== undefined");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Courbe de Kaplan–Meier, site de Lille" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Courbe de Kaplan–Meier, site de Marseille" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, "the evaluation page with intervals and curves");

        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync("LIL");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("site=LIL"));
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lille — cohorte 2016" })).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Marseille" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("site de Marseille") })).ToHaveCountAsync(0);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Télécharger les résultats") }).ClickAsync());

        download.SuggestedFilename.ShouldBe("evaluation-programme-lil-2016.csv");
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        lines.ShouldContain("LIL;2016;9;9;0;0,0;0,0;33,6;< 5;n.p.;n.p.;n.p.;0;0");
        lines.ShouldNotContain(l => l.Contains("22,2", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.StartsWith("MRS", StringComparison.Ordinal));
    }

    /// <summary>When the seeded rows say they were recorded: bookkeeping only, the evaluation never reads it.</summary>
    private static readonly DateTime Recorded = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    private static void Add(PasserelleDb db, string site, int count, OffenceCategory? offence)
    {
        var territory = ProgrammeSiteData.All.Single(s => s.Code == site).TerritoryCode;
        var start = new DateOnly(2016, 4, 1);
        var end = new DateOnly(2018, 4, 1);
        for (var i = 0; i < count; i++)
        {
            var participant = new ProgrammeParticipant
            {
                SiteCode = site,
                TerritoryCode = territory,
                GivenName = "Parcours",
                Surname = Journeys.UniqueSurname("evaluation"),
                Status = ParticipantStatus.Ended,
                Source = ReferralSource.Probation,
                ReferredOn = start.AddDays(-30),
                EnrolledOn = start,
                FollowUpStartsOn = start,
                FollowUpEndsOn = end,
                EndedOn = end,
                EndReason = ParticipantEndReason.FollowUpCompleted,
                CreatedAt = Recorded,
                CreatedById = "evaluation-journey",
            };
            db.ProgrammeParticipants.Add(participant);
            if (offence is { } category)
            {
                db.ParticipantEvents.Add(new ParticipantEvent
                {
                    ParticipantId = participant.Id,
                    TerritoryCode = territory,
                    SiteCode = site,
                    Kind = category == OffenceCategory.TerrorismRelated ? ParticipantEventKind.Conviction : ParticipantEventKind.NewOffence,
                    Category = category,
                    OccurredOn = start.AddDays(100 + 50 * i),
                    RecordedById = "evaluation-journey",
                    RecordedAt = Recorded,
                });
            }
        }
    }

    /// <summary>The analyst sees no personal data and signs in with a password alone (Roles.RequiresTwoFactor).</summary>
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
