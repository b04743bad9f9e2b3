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
/// Issue 4, statistics: the national analyst opens the statistics, chooses a period, sees the chart and a
/// table whose small count reads "&lt; 5", and downloads the CSV, which carries the same suppression.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StatisticsJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task The_analyst_sees_a_chart_and_a_suppressed_table_and_downloads_a_CSV_with_the_same_suppression()
    {
        // January 2008: 6 hotline reports in Haute-Garonne; February: 2 (a small count). No demo data is that old.
        await app.AsSystemAsync(async services =>
        {
            var db = services.GetRequiredService<PasserelleDb>();
            foreach (var (month, count) in new[] { (1, 6), (2, 2) })
            {
                var received = new DateTime(2008, month, 15, 12, 0, 0, DateTimeKind.Utc);
                for (var i = 0; i < count; i++)
                {
                    db.Reports.Add(new Report
                    {
                        Receipt = Report.NewReceipt(received),
                        TerritoryCode = "31",
                        Source = ReportSource.Hotline,
                        Urgency = Urgency.Routine,
                        ReceivedAt = received,
                        RecordedById = "statistics-journey",
                        ReportedGivenName = "Camille",
                        ReportedSurname = "Statistique",
                        Narrative = "Signalement de test des statistiques.",
                    });
                }
            }

            return await db.SaveChangesAsync();
        });
        await using var browser = await app.OpenBrowserAsync();
        var page = browser.Page;
        await SignInAnalystAsync(page, "Anne Analyste");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Statistiques" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statistiques des signalements", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Du mois").FillAsync("2008-01");
        await page.GetByLabel("Au mois (inclus)").FillAsync("2008-02");
        await page.GetByLabel("Porte d'entrée", new() { Exact = true }).SelectOptionAsync("hotline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Graphique : signalements reçus par mois et par porte d'entrée" });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveAttributeAsync("aria-describedby", "chart-by-month-alt");
        await page.WaitForFunctionAsync("() => window.Chart && window.Chart.getChart('chart-by-month') !== undefined");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Signalements par mois et par porte d'entrée" });
        var february = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "février 2008" });
        await Expect(february.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["< 5", "< 5"]);
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "janvier 2008" }).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["s", "s"]);
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Total" }).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["8", "8"]);
        await Axe.AssertAccessibleAsync(page, "the statistics page with charts and suppressed tables");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Télécharger les tableaux") }).ClickAsync());

        download.SuggestedFilename.ShouldBe("statistiques-signalements-2008-01-2008-02.csv");
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        lines.ShouldContain("Mois;Plateforme téléphonique;Total");
        lines.ShouldContain("janvier 2008;s;s");
        lines.ShouldContain("février 2008;< 5;< 5");
        lines.ShouldContain("Total;8;8");
        lines.ShouldNotContain(l => l.StartsWith("février 2008;2", StringComparison.Ordinal));
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
