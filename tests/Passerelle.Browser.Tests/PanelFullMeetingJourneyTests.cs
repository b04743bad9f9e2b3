using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Browser.Tests.Infrastructure;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Passerelle.Browser.Tests;

/// <summary>
/// Issue 5, "done means": a full meeting of the Nord panel. The chair schedules it and the agenda is built from
/// the reports newly taken in charge; attendance is taken; a member records four decisions (keep followed,
/// refer to the CPRAF, close, transfer to Paris); the minutes cannot be validated while the closure and the
/// transfer wait; the chair approves both, validates the minutes and prints them to PDF; a Paris member
/// accepts the transfer; a departmental review campaign reaches 100 %.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PanelFullMeetingJourneyTests(BrowserApp app)
{
    private static readonly string[] Prefixes = ["Garde", "Soin", "Fin", "Part"];

    private Task<string[]> PrepareAsync(string chairName) => app.AsSystemAsync(async services =>
    {
        var surnames = new List<string>();
        foreach (var prefix in Prefixes)
        {
            var surname = Journeys.UniqueSurname(prefix);
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", null, null, "Yanis", surname, null, new PartialDate(2004, 2, 3), "Lille", Sex.Male,
                    null, ["family-rupture"], "Rupture familiale et propos inquiétants rapportés par le collège.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            recorded.ShouldNotBeNull();
            surnames.Add(surname);
        }

        var db = services.GetRequiredService<PasserelleDb>();
        db.PanelMembers.Add(new PanelMember { TerritoryCode = "59", Name = chairName, Service = "prefecture", Function = PanelFunction.Chair });
        await db.SaveChangesAsync();
        return surnames.ToArray();
    });

    [Fact]
    public async Task A_full_meeting_agenda_attendance_four_decisions_approvals_minutes_printed_transfer_accepted_and_a_campaign_at_100_percent()
    {
        var chairMember = "Préfète " + Journeys.UniqueSurname("Séance");
        var surnames = await PrepareAsync(chairMember);
        string Name(int i) => $"{surnames[i].ToUpperInvariant()} Yanis";
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(7);

        // The chair schedules the meeting: the agenda is built from the new cases.
        await using var chairBrowser = await app.OpenBrowserAsync();
        var chair = chairBrowser.Page;
        await Journeys.SignInNewUserAsync(app, chair, Roles.GedChair, "59", "Hélène Présidente");
        await chair.GotoAsync("/panel/meetings/new");
        await chair.GetByLabel("Date", new() { Exact = false }).First.FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await chair.GetByLabel(new Regex("^Heure")).FillAsync("09:30");
        await chair.GetByLabel("Lieu").FillAsync("Préfecture du Nord, salon d'honneur");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Programmer et constituer l'ordre du jour" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status)).ToContainTextAsync("Réunion programmée");
        foreach (var i in Enumerable.Range(0, 4))
        {
            await Expect(chair.GetByRole(AriaRole.Row).Filter(new() { HasText = surnames[i].ToUpperInvariant() })).ToContainTextAsync("Nouvelle situation");
        }

        var meetingUrl = chair.Url;

        // Attendance: the chair of the panel is present.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la séance" }).ClickAsync();
        await chair.Locator("form label.fr-label", new() { HasText = chairMember }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les présences" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status)).ToContainTextAsync("Présences enregistrées.");
        await Expect(chair.Locator("#chair-absent")).ToHaveCountAsync(0);

        // A member records the four decisions, item by item, from the meeting page.
        await using var memberBrowser = await app.OpenBrowserAsync();
        var member = memberBrowser.Page;
        await Journeys.SignInNewUserAsync(app, member, Roles.Ged, "59", "Mathis Membre");
        async Task DecideAsync(int i, string type, Func<Task> fill)
        {
            await member.GotoAsync(meetingUrl);
            await member.GetByRole(AriaRole.Row).Filter(new() { HasText = surnames[i].ToUpperInvariant() })
                .GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Enregistrer une décision") }).ClickAsync();
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = $"Décision du GED — {Name(i)}", Level = 1 })).ToBeVisibleAsync();
            await member.Locator($"label[for=type-{type}]").ClickAsync();
            await fill();
            await member.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
            await Expect(member).ToHaveURLAsync(new Regex(Regex.Escape(new Uri(meetingUrl).AbsolutePath) + "(#.*)?$"));
        }

        await DecideAsync(0, "KeepFollowed", async () =>
        {
            await member.GetByLabel("Service chargé du suivi").SelectOptionAsync("gendarmerie");
            await member.GetByLabel("Motivation").FillAsync("Suivi de proximité par la brigade de gendarmerie.");
        });
        await DecideAsync(1, "ReferCare", () => member.GetByLabel("Motivation").FillAsync("La famille accepte l'accompagnement de la CPRAF."));
        await DecideAsync(2, "Close", async () =>
        {
            await member.Locator("label[for=reason-NotConfirmed]").ClickAsync();
            await member.GetByLabel("Motivation").FillAsync("Les vérifications n'ont pas confirmé l'inquiétude.");
        });
        await DecideAsync(3, "Transfer", async () =>
        {
            await member.GetByLabel("Département destinataire").SelectOptionAsync("75");
            await member.GetByLabel("Motivation").FillAsync("Le jeune s'est installé à Paris chez son père.");
        });

        // The meeting ends; the minutes wait for the closure and the transfer to be approved.
        await chair.GotoAsync(meetingUrl);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Clore la séance" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status)).ToContainTextAsync("Séance close");
        await chair.GetByRole(AriaRole.Link, new() { Name = "Compte rendu", Exact = true }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Valider le compte rendu" }).ClickAsync();
        await Expect(chair.GetByText(new Regex("attend encore la validation du président")).First).ToBeVisibleAsync();
        var minutesUrl = chair.Url;

        await chair.GotoAsync("/panel/approvals");
        foreach (var i in new[] { 2, 3 })
        {
            var card = chair.Locator("section").Filter(new() { HasText = Name(i) });
            await card.GetByRole(AriaRole.Button, new() { Name = $"Approuver la décision concernant {Name(i)}" }).ClickAsync();
            await Expect(chair.GetByRole(AriaRole.Status).Filter(new() { HasText = "Décision approuvée" })).ToBeVisibleAsync();
        }

        // The minutes: every decision with its rationale, validated by the chair, then printed on A4.
        await chair.GotoAsync(minutesUrl);
        foreach (var i in Enumerable.Range(0, 4))
        {
            await Expect(chair.Locator("main")).ToContainTextAsync(Name(i));
        }

        await Expect(chair.Locator("main")).ToContainTextAsync("Le jeune s'est installé à Paris chez son père.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Valider le compte rendu" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status)).ToContainTextAsync("Compte rendu validé");
        await Axe.AssertAccessibleAsync(chair, "the validated minutes of a full meeting");
        var pdf = Path.Combine(Path.GetTempPath(), $"minutes-full-{Guid.NewGuid():N}.pdf");
        try
        {
            await chair.PdfAsync(new() { Path = pdf, Format = "A4" });
            var head = new byte[4];
            await using (var file = File.OpenRead(pdf))
            {
                (await file.ReadAsync(head)).ShouldBe(4);
            }

            System.Text.Encoding.ASCII.GetString(head).ShouldBe("%PDF");
            new FileInfo(pdf).Length.ShouldBeGreaterThan(1000);
        }
        finally
        {
            File.Delete(pdf);
        }

        // Paris accepts the transfer.
        await using var parisBrowser = await app.OpenBrowserAsync();
        var paris = parisBrowser.Page;
        await Journeys.SignInNewUserAsync(app, paris, Roles.Ged, "75", "Pierre Parisien");
        await paris.GotoAsync("/panel/transfers");
        var label = $"Yanis {surnames[3]} (2004)";
        await paris.GetByRole(AriaRole.Row).Filter(new() { HasText = label }).GetByRole(AriaRole.Link, new() { Name = $"Examiner le transfert de {label}" }).ClickAsync();
        await paris.GetByRole(AriaRole.Button, new() { Name = "Accepter" }).ClickAsync();
        await Expect(paris.GetByRole(AriaRole.Status).Filter(new() { HasText = "Transfert accepté" })).ToBeVisibleAsync();

        var states = await app.AsSystemAsync(async services =>
        {
            var db = services.GetRequiredService<PasserelleDb>();
            return await db.Cases.AsNoTracking().Include(c => c.Person)
                .Where(c => surnames.Contains(c.Person!.Surname))
                .ToDictionaryAsync(c => c.Person!.Surname);
        });
        states[surnames[0]].Status.ShouldBe(CaseStatus.Followed);
        states[surnames[0]].NextReviewOn.ShouldNotBeNull();
        states[surnames[1]].LastDecisionType.ShouldBe(DecisionType.ReferCare);
        states[surnames[2]].Status.ShouldBe(CaseStatus.Closed);
        states[surnames[2]].RetainUntil.ShouldNotBeNull();
        states[surnames[3]].TerritoryCode.ShouldBe("75");
        states[surnames[3]].TransferTo.ShouldBeNull();

        // A departmental review campaign over the followed cases of the Nord, reviewed to 100 %.
        var title = "Réexamen " + Journeys.UniqueSurname("Campagne");
        await chair.GotoAsync("/panel/campaigns/new");
        await chair.GetByLabel("Intitulé *").FillAsync(title);
        await chair.GetByLabel("Échéance *").FillAsync(day.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var followed = chair.GetByRole(AriaRole.Checkbox, new() { Name = "Suivie" });
        if (!await followed.IsCheckedAsync())
        {
            await chair.Locator("label[for=status-Followed]").ClickAsync();
        }

        await chair.GetByRole(AriaRole.Button, new() { Name = "Lancer la campagne" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        var record = chair.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Enregistrer le réexamen de ") });
        var reviewed = 0;
        while (await record.CountAsync() > 0 && reviewed < 40)
        {
            await record.First.ClickAsync();
            await chair.GetByLabel("Motivation du réexamen *").FillAsync("Situation réexaminée pendant la campagne : suivi maintenu.");
            await chair.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le réexamen" }).ClickAsync();
            await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
            reviewed++;
        }

        reviewed.ShouldBeGreaterThanOrEqualTo(2);
        await Expect(chair.GetByText(new Regex($"^100 % réexaminées \\({reviewed} sur {reviewed}\\)"))).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(chair, "a departmental campaign at 100 %");
    }
}
