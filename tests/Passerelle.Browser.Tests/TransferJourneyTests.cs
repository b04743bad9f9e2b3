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
/// Issue 5, a transfer between panels in the product: a case of the Nord (59), followed then transferred to
/// Paris by an approved decision, waits for Paris; a member of the Paris panel reads the summary only, accepts,
/// opens the case with its whole timeline and filters it; the Nord member no longer finds the person.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TransferJourneyTests(BrowserApp app)
{
    /// <summary>The data the panels' pages would have made: a report, a follow-up decision, an approved transfer and its summary.</summary>
    private Task<(Guid CaseId, Guid TransferId)> PrepareTransferAsync(string given, string surname) =>
        app.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", null, null, given, surname, null, new PartialDate(2001, 3, 9), "Roubaix", Sex.Female,
                    null, ["family-rupture"], "Rupture familiale signalée par l'établissement.", Urgency.Priority, null),
                CancellationToken.None);
            error.ShouldBeNull();
            var db = services.GetRequiredService<PasserelleDb>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var @case = await db.Cases.Include(c => c.Person).SingleAsync(c => c.Id == recorded!.CaseId);
            var today = DateOnly.FromDateTime(now);
            var eventsBefore = @case.Events.Count;

            var (follow, followError) = PanelDecision.Propose(@case, DecisionType.KeepFollowed, "Suivi confié à la police nationale.",
                PanelDecision.DefaultNextReview(DecisionType.KeepFollowed, today), "Police nationale", null, null, null, "59", null, null, "member-59", now);
            followError.ShouldBeNull();
            @case.ApplyDecision(follow!, "member-59", now).ShouldBeNull();
            var (transfer, transferError) = PanelDecision.Propose(@case, DecisionType.Transfer, "La personne s'est installée à Paris chez sa tante.",
                PanelDecision.DefaultNextReview(DecisionType.Transfer, today), null, null, null, "75", "59", null, null, "member-59", now);
            transferError.ShouldBeNull();
            transfer!.Approve("chair-59", null, now).ShouldBeNull();
            @case.ApplyDecision(transfer, "chair-59", now).ShouldBeNull();
            var caseTransfer = new CaseTransfer
            {
                CaseId = @case.Id,
                PersonId = @case.PersonId,
                FromTerritory = "59",
                ToTerritory = "75",
                DecisionId = transfer.Id,
                PersonLabel = $"{given} {surname} (2001)",
                Summary = transfer.Rationale,
                RequestedAt = now,
                RequestedById = "chair-59",
            };
            db.PanelDecisions.AddRange(follow!, transfer);
            db.CaseEvents.AddRange(@case.Events.Skip(eventsBefore));
            db.CaseTransfers.Add(caseTransfer);
            await db.SaveChangesAsync();
            return (@case.Id, caseTransfer.Id);
        });

    [Fact]
    public async Task A_Paris_member_reads_the_summary_accepts_the_transfer_filters_the_timeline_and_the_Nord_no_longer_finds_the_person()
    {
        var surname = Journeys.UniqueSurname("Transfert");
        var (caseId, transferId) = await PrepareTransferAsync("Inès", surname);
        var label = $"Inès {surname} (2001)";

        await using var paris = await app.OpenBrowserAsync();
        var receiver = paris.Page;
        await Journeys.SignInNewUserAsync(app, receiver, Roles.Ged, "75", "Paul Paris");
        await receiver.GotoAsync("/panel/transfers");
        await Expect(receiver.GetByRole(AriaRole.Heading, new() { Name = "Transferts entre GED", Level = 1 })).ToBeVisibleAsync();
        var row = receiver.GetByRole(AriaRole.Row).Filter(new() { HasText = label });
        await Expect(row).ToContainTextAsync("La personne s'est installée à Paris chez sa tante.");
        await Expect(row).ToContainTextAsync("59 — Nord");
        await Axe.AssertAccessibleAsync(receiver, "the transfers page, receiving side");
        await row.GetByRole(AriaRole.Link, new() { Name = $"Examiner le transfert de {label}" }).ClickAsync();

        await Expect(receiver.GetByRole(AriaRole.Heading, new() { Name = "Transfert d'un dossier", Level = 1 })).ToBeVisibleAsync();
        await Expect(receiver.GetByText("Votre GED ne voit que ce résumé tant que le transfert n'est pas accepté.")).ToBeVisibleAsync();
        await Expect(receiver.GetByRole(AriaRole.Link, new() { Name = "Ouvrir le dossier" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(receiver, "a transfer waiting for the receiving panel");
        await receiver.GetByRole(AriaRole.Button, new() { Name = "Accepter" }).ClickAsync();
        await Expect(receiver.GetByRole(AriaRole.Status).Filter(new() { HasText = "Transfert accepté" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(receiver, "an accepted transfer");

        await receiver.GetByRole(AriaRole.Link, new() { Name = "Ouvrir le dossier" }).ClickAsync();
        await Expect(receiver).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/cases/{caseId}$"));
        await Expect(receiver.GetByRole(AriaRole.Heading, new() { Name = $"Dossier de {surname.ToUpperInvariant()} Inès", Level = 1 })).ToBeVisibleAsync();
        var timeline = receiver.Locator("#timeline");
        await Expect(timeline).ToContainTextAsync("Dossier ouvert");
        await Expect(timeline).ToContainTextAsync("Transfert accepté (59>75)");
        await Expect(receiver.GetByText("Réexamen prévu aujourd'hui")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(receiver, "the case page after a transfer");

        await receiver.Locator("label[for=kind-decisions]").ClickAsync();
        await receiver.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Expect(receiver).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("kinds=decisions"));
        await Expect(timeline).ToContainTextAsync("Décision appliquée : maintien du suivi par un service");
        await Expect(timeline).Not.ToContainTextAsync("Dossier ouvert");
        await Expect(receiver.GetByRole(AriaRole.Checkbox, new() { Name = "Décisions" })).ToBeCheckedAsync();
        await Axe.AssertAccessibleAsync(receiver, "the case page filtered on decisions");

        await using var nord = await app.OpenBrowserAsync();
        var sender = nord.Page;
        await Journeys.SignInNewUserAsync(app, sender, Roles.Ged, "59", "Nina Nord");
        await sender.GotoAsync($"/register?q={surname}");
        await Expect(sender.GetByRole(AriaRole.Link, new() { Name = surname.ToUpperInvariant() })).ToHaveCountAsync(0);
        await sender.GotoAsync("/panel/transfers");
        await Expect(sender.GetByRole(AriaRole.Row).Filter(new() { HasText = label })).ToContainTextAsync("Accepté");
        await Expect(sender.GetByRole(AriaRole.Link, new() { Name = "Ouvrir le dossier" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(sender, "the transfers page, sending side");
        var gone = await sender.GotoAsync($"/cases/{caseId}");
        gone.ShouldNotBeNull().Status.ShouldBe(404);
        transferId.ShouldNotBe(Guid.Empty);
    }
}
