using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Panel.Transfers;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Transfers between panels (issue 5): before acceptance both panels see the case "in transfer" and the
/// receiving panel only the summary; acceptance by the receiving panel moves the person, their cases and every
/// record of them (decisions stay with the panel that made them), after which the sending panel sees nothing
/// more; a refusal (reason required) keeps the case with its panel, due for review; a third département sees
/// nothing; the sending side cannot settle; of two answers one wins. Each test makes its own persons.
/// </summary>
public sealed class TransfersPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static bool IsDenied(PageResponse page) =>
        page.Status == HttpStatusCode.Forbidden || (page.Redirects && page.Location!.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase));

    private async Task<(PanelCaseData.Registered Person, Guid TransferId)> PrepareAsync(string given, string surname)
    {
        var person = await PanelCaseData.RegisterAsync(factory, "59", given, surname);
        await PanelCaseData.DecideAsync(factory, person.CaseId, DecisionType.KeepFollowed, "Suivi par la police nationale.");
        await PanelCaseData.AssessAndCampaignAsync(factory, person.CaseId);
        var transferId = await PanelCaseData.RequestTransferAsync(factory, person.CaseId, "75");
        return (person, transferId);
    }

    private Task<CaseTransfer> TransferAsync(Guid id) =>
        factory.WithDbAsync(db => db.CaseTransfers.AsNoTracking().SingleAsync(t => t.Id == id));

    private static async Task<PageResponse> PostAsync(WebSession session, Guid transferId, string handler, params (string Name, string Value)[] fields)
    {
        var page = await session.GetAsync($"/panel/transfers/{transferId}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var all = fields.ToList();
        if (!all.Exists(f => f.Name == "Version"))
        {
            all.Add(("Version", WebSession.Hidden(page, "Version")));
        }

        return await session.PostWithTokenAsync($"/panel/transfers/{transferId}?handler={handler}", WebSession.AntiForgeryToken(page), [.. all]);
    }

    [Fact]
    public async Task BeforeAcceptance_BothPanelsSeeInTransfer_AndTheReceivingPanelOnlyTheSummary()
    {
        var (person, transferId) = await PrepareAsync("Anatole", "Transitoire");

        using var sender = await factory.SignInAsync(Roles.Ged, "59");
        var outgoing = await sender.GetAsync("/panel/transfers");
        outgoing.Status.ShouldBe(HttpStatusCode.OK, outgoing.ToString());
        outgoing.Html.ShouldContain(Fr("transfer.in-transfer-to", "75"));
        outgoing.Html.ShouldContain($"/cases/{person.CaseId}");
        var casePage = await sender.GetAsync($"/cases/{person.CaseId}");
        casePage.Status.ShouldBe(HttpStatusCode.OK, casePage.ToString());
        casePage.Html.ShouldContain(Fr("case-page.in-transfer", "75"));

        using var receiver = await factory.SignInAsync(Roles.Ged, "75");
        var incoming = await receiver.GetAsync("/panel/transfers");
        incoming.Status.ShouldBe(HttpStatusCode.OK, incoming.ToString());
        incoming.Html.ShouldContain("Anatole Transitoire (1998)");
        incoming.Html.ShouldContain(Html("La personne a déménagé ; suivi à poursuivre par le GED destinataire."));
        incoming.Html.ShouldContain($"/panel/transfers/{transferId}");
        incoming.Html.ShouldNotContain($"/cases/{person.CaseId}");
        var detail = await receiver.GetAsync($"/panel/transfers/{transferId}");
        detail.Status.ShouldBe(HttpStatusCode.OK, detail.ToString());
        detail.Html.ShouldContain(Fr("transfer.summary-only"));
        detail.Html.ShouldNotContain("rue des Tests");
        detail.Html.ShouldNotContain($"/cases/{person.CaseId}");
        (await receiver.GetAsync($"/cases/{person.CaseId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await receiver.GetAsync($"/persons/{person.PersonId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "transfer.read" && e.ObjectId == transferId.ToString()))).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Accept_MovesThePersonTheirCasesAndRecords_AndDecisionsStayWithTheSendingPanel()
    {
        var (person, transferId) = await PrepareAsync("Basile", "Demenage");
        using var receiver = await factory.SignInAsync(Roles.Ged, "75");

        var accepted = await PostAsync(receiver, transferId, "Accept");

        accepted.Redirects.ShouldBeTrue(accepted.ToString());
        await factory.WithDbAsync(async db =>
        {
            (await db.Persons.SingleAsync(p => p.Id == person.PersonId)).TerritoryCode.ShouldBe("75");
            var moved = await db.Cases.SingleAsync(c => c.Id == person.CaseId);
            moved.TerritoryCode.ShouldBe("75");
            moved.TransferTo.ShouldBeNull();
            moved.IsReviewDue(DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime)).ShouldBeTrue();
            (await db.CaseEvents.Where(e => e.CaseId == person.CaseId).Select(e => e.TerritoryCode).Distinct().ToListAsync()).ShouldBe(["75"]);
            (await db.CaseEvents.CountAsync(e => e.CaseId == person.CaseId && e.Kind == CaseEventKind.TransferAccepted && e.TransferId == transferId)).ShouldBe(1);
            (await db.Reports.SingleAsync(r => r.Id == person.ReportId)).TerritoryCode.ShouldBe("75");
            (await db.DutyAlerts.Where(a => a.ReportId == person.ReportId).Select(a => a.TerritoryCode).ToListAsync()).ShouldBe(["75"]);
            (await db.Assessments.Where(a => a.CaseId == person.CaseId).Select(a => a.TerritoryCode).ToListAsync()).ShouldBe(["75"]);
            var assessmentIds = await db.Assessments.Where(a => a.CaseId == person.CaseId).Select(a => a.Id).ToListAsync();
            (await db.AssessmentRatings.Where(r => assessmentIds.Contains(r.AssessmentId)).Select(r => r.TerritoryCode).ToListAsync()).ShouldBe(["75"]);
            (await db.CampaignCases.Where(c => c.CaseId == person.CaseId).Select(c => c.TerritoryCode).ToListAsync()).ShouldBe(["75"]);
            (await db.PanelDecisions.Where(d => d.CaseId == person.CaseId).Select(d => d.TerritoryCode).Distinct().ToListAsync()).ShouldBe(["59"]);
            var transfer = await db.CaseTransfers.SingleAsync(t => t.Id == transferId);
            transfer.Status.ShouldBe(TransferStatus.Accepted);
            transfer.SettledAt.ShouldNotBeNull();
            (await db.AuditEvents.CountAsync(e => e.Action == "transfer.accepted" && e.ObjectId == transferId.ToString() && e.Outcome == "success")).ShouldBe(1);
        });
    }

    [Fact]
    public async Task AfterAcceptance_TheSendingPanelNoLongerSeesThePerson_AndTheReceivingPanelSeesTheWholeTimeline()
    {
        var (person, transferId) = await PrepareAsync("Celestin", "Parti");
        using var receiver = await factory.SignInAsync(Roles.Ged, "75");
        (await PostAsync(receiver, transferId, "Accept")).Redirects.ShouldBeTrue();

        using var sender = await factory.SignInAsync(Roles.Ged, "59");
        (await sender.GetAsync($"/persons/{person.PersonId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await sender.GetAsync($"/cases/{person.CaseId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await sender.GetAsync($"/reports/{person.ReportId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var register = await sender.GetAsync("/register?q=Parti");
        register.Html.ShouldNotContain(person.PersonId.ToString());
        var list = await sender.GetAsync("/panel/transfers");
        list.Html.ShouldContain(Fr("transfer.status.Accepted"));
        list.Html.ShouldNotContain($"/cases/{person.CaseId}");

        var detail = await receiver.GetAsync($"/panel/transfers/{transferId}");
        detail.Html.ShouldContain($"/cases/{person.CaseId}");
        var casePage = await receiver.GetAsync($"/cases/{person.CaseId}");
        casePage.Status.ShouldBe(HttpStatusCode.OK, casePage.ToString());
        casePage.Html.ShouldContain(Fr("case-page.kind.Opened"));
        casePage.Html.ShouldContain(Fr("case-page.kind.ReportAttached"));
        casePage.Html.ShouldContain(Fr("case-page.kind.AssessmentRecorded"));
        casePage.Html.ShouldContain(Fr("case-page.kind.TransferRequested", "75"));
        casePage.Html.ShouldContain(Fr("case-page.kind.TransferAccepted", "59>75"));
        casePage.Html.ShouldContain(Fr("case-page.due-today"));
        (await receiver.GetAsync($"/persons/{person.PersonId}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refuse_NeedsAReason_KeepsTheCaseWithItsPanelDueForReview_AndCannotThenBeAccepted()
    {
        var (person, transferId) = await PrepareAsync("Desire", "Refuse");
        using var receiver = await factory.SignInAsync(Roles.Ged, "75");

        var empty = await PostAsync(receiver, transferId, "Refuse", ("Reason", "   "));
        empty.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, empty.ToString());
        empty.Html.ShouldContain(Fr("transfer.error.case.reason-required"));
        empty.Html.ShouldContain("href=\"#Reason\"");
        var tooLong = await PostAsync(receiver, transferId, "Refuse", ("Reason", new string('x', CaseTransfer.MaxSummaryLength + 1)));
        tooLong.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, tooLong.ToString());
        tooLong.Html.ShouldContain(Fr("transfer.error.case.reason-too-long"));
        (await TransferAsync(transferId)).Status.ShouldBe(TransferStatus.Pending);

        var hostile = "<script>alert(1)</script> '; DROP TABLE case_transfers; -- ../../etc/passwd";
        var refused = await PostAsync(receiver, transferId, "Refuse", ("Reason", hostile));
        refused.Redirects.ShouldBeTrue(refused.ToString());

        var transfer = await TransferAsync(transferId);
        transfer.Status.ShouldBe(TransferStatus.Refused);
        transfer.Note.ShouldBe(hostile);
        await factory.WithDbAsync(async db =>
        {
            var kept = await db.Cases.SingleAsync(c => c.Id == person.CaseId);
            kept.TerritoryCode.ShouldBe("59");
            kept.TransferTo.ShouldBeNull();
            kept.IsReviewDue(DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime)).ShouldBeTrue();
            (await db.Persons.SingleAsync(p => p.Id == person.PersonId)).TerritoryCode.ShouldBe("59");
            (await db.AuditEvents.CountAsync(e => e.Action == "transfer.refused" && e.ObjectId == transferId.ToString() && e.Outcome == "success")).ShouldBe(1);
        });

        using var sender = await factory.SignInAsync(Roles.Ged, "59");
        var seen = await sender.GetAsync($"/panel/transfers/{transferId}");
        seen.Html.ShouldContain(Html(hostile));
        seen.Html.ShouldNotContain("<script>alert(1)</script>");
        var casePage = await sender.GetAsync($"/cases/{person.CaseId}");
        casePage.Html.ShouldContain(Fr("case-page.due-today"));
        casePage.Html.ShouldNotContain(Fr("case-page.in-transfer", "75"));

        // A refused transfer cannot then be accepted, even with its current version.
        var detail = await receiver.GetAsync($"/panel/transfers/{transferId}");
        detail.Html.ShouldNotContain("handler=Accept");
        var late = await receiver.PostWithTokenAsync($"/panel/transfers/{transferId}?handler=Accept", WebSession.AntiForgeryToken(detail),
            ("Version", transfer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        late.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, late.ToString());
        late.Html.ShouldContain(Fr("transfer.error.transfer.not-pending"));
        (await TransferAsync(transferId)).Status.ShouldBe(TransferStatus.Refused);
        (await factory.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == person.CaseId))).TerritoryCode.ShouldBe("59");
    }

    [Fact]
    public async Task AThirdDepartement_SeesNothingAndCannotSettle()
    {
        var (person, transferId) = await PrepareAsync("Eudes", "Tiers");
        using var third = await factory.SignInAsync(Roles.Ged, "62");

        var list = await third.GetAsync("/panel/transfers");
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        list.Html.ShouldNotContain("Eudes Tiers");
        list.Html.ShouldNotContain(transferId.ToString());
        (await third.GetAsync($"/panel/transfers/{transferId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await third.GetAsync($"/cases/{person.CaseId}")).Status.ShouldBe(HttpStatusCode.NotFound);

        var ownPage = await third.GetAsync("/panel/transfers");
        var forged = await third.PostWithTokenAsync($"/panel/transfers/{transferId}?handler=Accept", WebSession.AntiForgeryToken(ownPage), ("Version", "1"));
        forged.Status.ShouldBe(HttpStatusCode.NotFound, forged.ToString());
        (await TransferAsync(transferId)).Status.ShouldBe(TransferStatus.Pending);
    }

    [Fact]
    public async Task TheSendingPanel_CannotAcceptItsOwnTransfer()
    {
        var (person, transferId) = await PrepareAsync("Fulbert", "Expediteur");
        using var sender = await factory.SignInAsync(Roles.GedChair, "59");

        var detail = await sender.GetAsync($"/panel/transfers/{transferId}");
        detail.Status.ShouldBe(HttpStatusCode.OK, detail.ToString());
        detail.Html.ShouldNotContain("handler=Accept");
        detail.Html.ShouldContain(Fr("transfer.waiting", "75"));
        var forced = await sender.PostWithTokenAsync($"/panel/transfers/{transferId}?handler=Accept", WebSession.AntiForgeryToken(detail),
            ("Version", (await TransferAsync(transferId)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        IsDenied(forced).ShouldBeTrue(forced.ToString());
        (await TransferAsync(transferId)).Status.ShouldBe(TransferStatus.Pending);
        (await factory.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == person.CaseId))).TerritoryCode.ShouldBe("59");
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "transfer.accepted" && e.ObjectId == transferId.ToString() && e.Outcome == "denied"))).ShouldBe(1);
    }

    [Fact]
    public async Task TwoAnswersFromTheSameVersion_OneWins_TheOtherIsToldAndChangesNothing()
    {
        var (_, transferId) = await PrepareAsync("Gontran", "Double");
        using var first = await factory.SignInAsync(Roles.Ged, "75");
        using var second = await factory.SignInAsync(Roles.GedChair, "75");
        var pageA = await first.GetAsync($"/panel/transfers/{transferId}");
        var pageB = await second.GetAsync($"/panel/transfers/{transferId}");

        var a = await first.PostWithTokenAsync($"/panel/transfers/{transferId}?handler=Accept", WebSession.AntiForgeryToken(pageA), ("Version", WebSession.Hidden(pageA, "Version")));
        var b = await second.PostWithTokenAsync($"/panel/transfers/{transferId}?handler=Refuse", WebSession.AntiForgeryToken(pageB), ("Version", WebSession.Hidden(pageB, "Version")), ("Reason", "Trop tard"));

        a.Redirects.ShouldBeTrue(a.ToString());
        b.Status.ShouldBe(HttpStatusCode.Conflict, b.ToString());
        b.Html.ShouldContain(Fr("transfer.conflict"));
        var transfer = await TransferAsync(transferId);
        transfer.Status.ShouldBe(TransferStatus.Accepted);
        transfer.Note.ShouldBeNull();
    }

    [Fact]
    public async Task TwoAcceptancesAtOnce_ExactlyOneWins()
    {
        var (person, transferId) = await PrepareAsync("Hilaire", "Concurrent");
        var receiver = await factory.PageUserAsync(Roles.Ged, "75");
        var version = (await TransferAsync(transferId)).Version;

        async Task<SettleTransfer.Outcome> AcceptAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(new AccessScope(receiver.Id, Roles.Ged, false, ["75"]));
            return (await scope.ServiceProvider.GetRequiredService<SettleTransfer>().AcceptAsync(transferId, version, CancellationToken.None)).Outcome;
        }

        var outcomes = await Task.WhenAll(AcceptAsync(), AcceptAsync());

        outcomes.Count(o => o == SettleTransfer.Outcome.Done).ShouldBe(1);
        outcomes.Count(o => o is SettleTransfer.Outcome.Conflict or SettleTransfer.Outcome.Refused).ShouldBe(1);
        await factory.WithDbAsync(async db =>
        {
            (await db.CaseEvents.CountAsync(e => e.CaseId == person.CaseId && e.Kind == CaseEventKind.TransferAccepted)).ShouldBe(1);
            (await db.AuditEvents.CountAsync(e => e.Action == "transfer.accepted" && e.ObjectId == transferId.ToString() && e.Outcome == "success")).ShouldBe(1);
            (await db.Persons.SingleAsync(p => p.Id == person.PersonId)).TerritoryCode.ShouldBe("75");
        });
    }

    [Theory]
    [InlineData("/panel/transfers/00000000-0000-0000-0000-000000000000")]
    [InlineData("/panel/transfers/not-a-guid")]
    [InlineData("/panel/transfers/..%2F..%2Fetc%2Fpasswd")]
    public async Task ForgedOrMalformedIds_AreNotFound(string url)
    {
        using var receiver = await factory.SignInAsync(Roles.Ged, "75");
        (await receiver.GetAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound);
        var list = await receiver.GetAsync("/panel/transfers");
        list.Status.ShouldBe(HttpStatusCode.OK);
        var forged = await receiver.PostWithTokenAsync($"/panel/transfers/{Guid.NewGuid()}?handler=Accept", WebSession.AntiForgeryToken(list), ("Version", "0"));
        forged.Status.ShouldBe(HttpStatusCode.NotFound, forged.ToString());
    }

    [Fact]
    public async Task AVersionThatIsNotANumber_ChangesNothing()
    {
        var (_, transferId) = await PrepareAsync("Irenee", "Version");
        using var receiver = await factory.SignInAsync(Roles.Ged, "75");

        var page = await PostAsync(receiver, transferId, "Accept", ("Version", "1; DROP TABLE persons"));

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, page.ToString());
        page.Html.ShouldContain(Fr("transfer.version-invalid"));
        (await TransferAsync(transferId)).Status.ShouldBe(TransferStatus.Pending);
    }

    [Theory]
    [InlineData(Roles.Assessor, "75")]
    [InlineData(Roles.Dpo, "national")]
    [InlineData(Roles.Admin, "national")]
    public async Task RolesWithoutPanelAccess_AreRefused(string role, string territories)
    {
        using var session = await factory.SignInAsync(role, territories);
        IsDenied(await session.GetAsync("/panel/transfers")).ShouldBeTrue();
        IsDenied(await session.GetAsync($"/panel/transfers/{Guid.NewGuid()}")).ShouldBeTrue();
    }
}
