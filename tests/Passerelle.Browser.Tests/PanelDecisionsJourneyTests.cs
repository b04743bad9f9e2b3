using System.Globalization;
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
/// Issue 5, decisions: during a Nord meeting in session (chair present, three cases on the agenda) a member records
/// three decisions of different types — keep followed by a service, refer to the CPRAF, close with a reason — and
/// the chair, in another browser, approves the closure.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PanelDecisionsJourneyTests(BrowserApp app)
{
    private static readonly string[] Prefixes = ["Suivi", "Orient", "Clos"];

    private sealed record Prepared(Guid MeetingId, Guid[] Items, Guid[] Cases, string[] Surnames);

    private Task<Prepared> PrepareMeetingAsync() => app.AsSystemAsync(async services =>
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var cases = new List<Guid>();
        var surnames = new List<string>();
        foreach (var prefix in Prefixes)
        {
            var surname = Journeys.UniqueSurname(prefix);
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", null, null, "Noah", surname, null, new PartialDate(2003, 9, 1), "Roubaix", Sex.Male,
                    "5 rue de Lannoy, Roubaix", ["family-rupture"], "Signalement du collège.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            cases.Add(recorded!.CaseId);
            surnames.Add(surname);
        }

        var db = services.GetRequiredService<PasserelleDb>();
        var chair = new PanelMember { TerritoryCode = "59", Name = "Préfète du Nord", Service = "prefecture", Function = PanelFunction.Chair };
        var member = new PanelMember { TerritoryCode = "59", Name = "Commissaire Lefort", Service = "police" };
        db.PanelMembers.AddRange(chair, member);
        var meeting = new PanelMeeting { TerritoryCode = "59", ScheduledAt = now.AddMinutes(-30), Status = MeetingStatus.InSession, StartedAt = now.AddMinutes(-30), CreatedById = "system", CreatedAt = now.AddDays(-7) };
        meeting.Attendance.Add(new MeetingAttendance { MeetingId = meeting.Id, MemberId = chair.Id, TerritoryCode = "59", Present = true, Function = PanelFunction.Chair, MemberName = chair.Name, Service = chair.Service });
        meeting.Attendance.Add(new MeetingAttendance { MeetingId = meeting.Id, MemberId = member.Id, TerritoryCode = "59", Present = true, Function = PanelFunction.Member, MemberName = member.Name, Service = member.Service });
        var items = cases.Select((id, i) => new AgendaItem { MeetingId = meeting.Id, TerritoryCode = "59", Position = i + 1, Kind = AgendaItemKind.NewCase, CaseId = id, AddedById = "system" }).ToList();
        meeting.Agenda.AddRange(items);
        db.PanelMeetings.Add(meeting);
        await db.SaveChangesAsync();
        return new Prepared(meeting.Id, [.. items.Select(i => i.Id)], [.. cases], [.. surnames]);
    });

    private static ILocator Review(IPage page) => page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Prochain réexamen") });

    [Fact]
    public async Task A_member_records_three_decisions_in_session_and_the_chair_approves_the_closure()
    {
        var prepared = await PrepareMeetingAsync();
        await using var memberBrowser = await app.OpenBrowserAsync();
        var member = memberBrowser.Page;
        await Journeys.SignInNewUserAsync(app, member, Roles.Ged, "59", "Mona Membre");
        var meetingUrl = new Regex($"/panel/meetings/{prepared.MeetingId}(#.*)?$", RegexOptions.IgnoreCase);
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        // 1. Keep followed by a service: first a submission without rationale shows the error summary.
        await member.GotoAsync($"/panel/meetings/{prepared.MeetingId}/items/{prepared.Items[0]}/decide");
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = $"Décision du GED — {prepared.Surnames[0].ToUpperInvariant()} Noah", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(member, "the decision form");
        await member.Locator("label[for=type-KeepFollowed]").ClickAsync();
        await Expect(Review(member)).ToHaveValueAsync(today.AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(member.GetByLabel("Département destinataire")).ToBeHiddenAsync();
        await member.GetByLabel("Service chargé du suivi").SelectOptionAsync("gendarmerie");
        await member.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        var summary = member.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Le formulaire contient des erreurs" });
        await Expect(summary).ToContainTextAsync("La motivation de la décision est obligatoire.");
        await Axe.AssertAccessibleAsync(member, "the decision form with its error summary");
        await summary.GetByRole(AriaRole.Link, new() { Name = "La motivation de la décision est obligatoire." }).ClickAsync();
        await Expect(member.GetByLabel("Motivation")).ToBeFocusedAsync();
        await member.GetByLabel("Motivation").FillAsync("Suivi de proximité par la brigade : fréquentations à surveiller, famille coopérante.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Expect(member).ToHaveURLAsync(meetingUrl);

        // 2. Refer to the CPRAF: the date follows the type; the member shortens it.
        await member.GotoAsync($"/panel/meetings/{prepared.MeetingId}/items/{prepared.Items[1]}/decide");
        await member.Locator("label[for=type-ReferCare]").ClickAsync();
        await Expect(member.GetByLabel("Service chargé du suivi")).ToBeHiddenAsync();
        await member.GetByLabel("Motivation").FillAsync("La famille accepte un accompagnement par la cellule.");
        await Review(member).FillAsync(today.AddMonths(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await member.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Expect(member).ToHaveURLAsync(meetingUrl);

        // 3. Close with a reason: proposed, waiting for the chair.
        await member.GotoAsync($"/panel/meetings/{prepared.MeetingId}/items/{prepared.Items[2]}/decide");
        await member.Locator("label[for=type-Close]").ClickAsync();
        await Expect(Review(member)).ToHaveValueAsync(string.Empty);
        await member.Locator("label[for=reason-NotConfirmed]").ClickAsync();
        await member.GetByLabel("Motivation").FillAsync("Les vérifications n'ont pas confirmé l'inquiétude initiale.");
        await Axe.AssertAccessibleAsync(member, "the decision form for a closure");
        await member.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Expect(member).ToHaveURLAsync(meetingUrl);

        var states = await app.AsSystemAsync(async services =>
        {
            var db = services.GetRequiredService<PasserelleDb>();
            return await db.Cases.AsNoTracking().Where(c => prepared.Cases.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        });
        states[prepared.Cases[0]].Status.ShouldBe(CaseStatus.Followed);
        states[prepared.Cases[0]].FollowingService.ShouldBe("gendarmerie");
        states[prepared.Cases[0]].NextReviewOn.ShouldBe(today.AddMonths(3));
        states[prepared.Cases[1]].LastDecisionType.ShouldBe(DecisionType.ReferCare);
        states[prepared.Cases[1]].NextReviewOn.ShouldBe(today.AddMonths(2));
        states[prepared.Cases[2]].Status.ShouldNotBe(CaseStatus.Closed);

        // The chair, in another browser, approves the closure.
        await using var chairBrowser = await app.OpenBrowserAsync();
        var chair = chairBrowser.Page;
        await Journeys.SignInNewUserAsync(app, chair, Roles.GedChair, "59", "Paule Présidente");
        await chair.GotoAsync("/panel/approvals");
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Clôtures et transferts à approuver", Level = 1 })).ToBeVisibleAsync();
        var name = $"{prepared.Surnames[2].ToUpperInvariant()} Noah";
        var card = chair.Locator("section").Filter(new() { HasText = name });
        await Expect(card).ToContainTextAsync("Inquiétude non confirmée");
        await Expect(card).ToContainTextAsync("Mona Membre");
        await Axe.AssertAccessibleAsync(chair, "the chair's approvals");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Approuver la décision concernant {name}" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status).Filter(new() { HasText = "Décision approuvée" })).ToBeVisibleAsync();
        await Expect(chair.GetByText(name)).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(chair, "the approvals once empty");

        var closed = await app.AsSystemAsync(services => services.GetRequiredService<PasserelleDb>().Cases.AsNoTracking().SingleAsync(c => c.Id == prepared.Cases[2]));
        closed.Status.ShouldBe(CaseStatus.Closed);
        closed.RetainUntil.ShouldNotBeNull();
    }
}
