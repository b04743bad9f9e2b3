using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>The status change form of the person page: valid, missing reason, stale version, unknown or forbidden target.</summary>
public sealed class TransitionPageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private sealed record Subject(Guid PersonId, Guid CaseId);

    private async Task<Subject> NewPersonAsync(string surname)
    {
        using var api = factory.ClientWithToken((await factory.PageUserAsync(Roles.Ged, "59")).Token);
        var created = await api.CreateReportAsync(TestApi.Report("59", surname: surname));
        var report = await api.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        return new Subject(report.GetProperty("personId").GetGuid(), report.GetProperty("caseId").GetGuid());
    }

    private static async Task<PageResponse> PostAsync(WebSession session, Subject subject, string to, string? reason, string? version = null)
    {
        var page = await session.GetAsync($"/persons/{subject.PersonId}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var fields = new List<(string, string)>
        {
            ("Input.CaseId", subject.CaseId.ToString()),
            ("Input.Version", version ?? WebSession.Hidden(page, "Input.Version")),
            ("Input.To", to),
        };
        if (reason is not null)
        {
            fields.Add(("Input.Reason", reason));
        }

        return await session.PostWithTokenAsync($"/persons/{subject.PersonId}?handler=Transition", WebSession.AntiForgeryToken(page), [.. fields]);
    }

    private async Task<(CaseStatus Status, int Version, int Events)> StateAsync(Guid caseId) =>
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId);
            return (c.Status, c.Version, await db.CaseEvents.CountAsync(e => e.CaseId == caseId));
        });

    [Fact]
    public async Task ValidChange_RedirectsToThePerson_AndTheTimelineShowsIt()
    {
        var subject = await NewPersonAsync("Valide");
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await StateAsync(subject.CaseId);

        var response = await PostAsync(session, subject, "UnderAssessment", "Évaluation demandée par le <b>comité</b>");

        response.Status.ShouldBe(HttpStatusCode.Redirect, response.ToString());
        response.Location.ShouldBe($"/persons/{subject.PersonId}");
        var after = await StateAsync(subject.CaseId);
        after.Status.ShouldBe(CaseStatus.UnderAssessment);
        after.Events.ShouldBe(before.Events + 1);
        var page = await session.GetAsync(response.Location!);
        page.Html.ShouldContain(Fr("case.transition-done"));
        page.Html.ShouldContain(Fr("event.StatusChanged", FrText("status.Reported"), FrText("status.UnderAssessment")));
        page.Html.ShouldContain(Html("Évaluation demandée par le <b>comité</b>"));
        page.Html.ShouldNotContain("<b>comité</b>", Case.Sensitive);
    }

    [Fact]
    public async Task MissingReason_Answers422WithTheMessage_AndChangesNothing()
    {
        var subject = await NewPersonAsync("Sansmotif");
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await StateAsync(subject.CaseId);

        var missing = await PostAsync(session, subject, "UnderAssessment", null);
        var blank = await PostAsync(session, subject, "UnderAssessment", "   ");

        missing.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, missing.ToString());
        missing.Html.ShouldContain(Fr("error.case.reason-required"));
        blank.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await StateAsync(subject.CaseId)).ShouldBe(before);
    }

    [Fact]
    public async Task OverlongReason_Answers422_AndChangesNothing()
    {
        var subject = await NewPersonAsync("Bavard");
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await StateAsync(subject.CaseId);

        var response = await PostAsync(session, subject, "UnderAssessment", new string('m', 20_000));

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Html.ShouldContain(Fr("error.case.reason-too-long"));
        (await StateAsync(subject.CaseId)).ShouldBe(before);
    }

    [Fact]
    public async Task StaleVersion_Answers409WithTheConflictMessage_AndChangesNothing()
    {
        var subject = await NewPersonAsync("Concurrent");
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var page = await session.GetAsync($"/persons/{subject.PersonId}");
        var staleVersion = WebSession.Hidden(page, "Input.Version");
        (await PostAsync(session, subject, "UnderAssessment", "Premier changement")).Status.ShouldBe(HttpStatusCode.Redirect);
        var before = await StateAsync(subject.CaseId);

        var response = await PostAsync(session, subject, "Closed", "Changement sur une version périmée", staleVersion);

        response.Status.ShouldBe(HttpStatusCode.Conflict, response.ToString());
        response.Html.ShouldContain(Fr("case.conflict"));
        (await StateAsync(subject.CaseId)).ShouldBe(before);
    }

    [Theory]
    [InlineData("Nope", "error.unknown-value")]
    [InlineData("", "error.unknown-value")]
    [InlineData("99", "error.unknown-value")]
    [InlineData("<script>alert(1)</script>", "error.unknown-value")]
    [InlineData("Archived", "error.case.invalid-transition")]
    [InlineData("Reported", "error.case.invalid-transition")]
    public async Task InvalidTarget_Answers422WithTheMessage_AndChangesNothing(string to, string message)
    {
        var subject = await NewPersonAsync("Cible");
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await StateAsync(subject.CaseId);

        var response = await PostAsync(session, subject, to, "Motif");

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, response.ToString());
        response.Html.ShouldContain(Fr(message));
        response.Html.ShouldNotContain("<script>alert(1)</script>", Case.Sensitive);
        (await StateAsync(subject.CaseId)).ShouldBe(before);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("99999999999")]
    public async Task UnreadableVersion_IsRefused_AndChangesNothing(string version)
    {
        var subject = await NewPersonAsync("Version");
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await StateAsync(subject.CaseId);

        var response = await PostAsync(session, subject, "UnderAssessment", "Motif", version);

        ((int)response.Status).ShouldBeInRange(400, 499, response.ToString());
        (await StateAsync(subject.CaseId)).ShouldBe(before);
    }

    [Fact]
    public async Task UnknownCaseId_AnswersNotFound_AndChangesNothing()
    {
        var subject = await NewPersonAsync("Inconnu");
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await StateAsync(subject.CaseId);

        var response = await PostAsync(session, subject with { CaseId = Guid.CreateVersion7() }, "UnderAssessment", "Motif");

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        (await StateAsync(subject.CaseId)).ShouldBe(before);
    }
}
