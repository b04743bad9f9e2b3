using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The triage queue (issue 4, behind the doors): a hotline report waits in its département's queue, with
/// no person, until a panel member takes it in charge (candidate or new person) or closes it with a
/// reason; other départements see nothing of it; a stale or malformed choice changes nothing.
/// </summary>
public sealed class TriagePagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    /// <summary>A report recorded by the hotline for <paramref name="territory"/>: it waits in that queue.</summary>
    private async Task<Guid> HotlineReportAsync(string territory, string given, string surname, string dob = "2003-05-17")
    {
        using var hotline = factory.ClientFor(await factory.UserAsync(Roles.Hotline, AccessScope.NationalValue));
        var created = await hotline.CreateReportAsync(TestApi.Report(territory, surname: surname, givenName: given, change: r => r["person"]!["dateOfBirth"] = dob));
        return created.Id;
    }

    private Task<Report> ReportAsync(Guid id) => factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<int> PersonCountAsync() => factory.WithDbAsync(db => db.Persons.IgnoreQueryFilters().CountAsync());

    private static Task<PageResponse> PostAsync(WebSession session, PageResponse page, Guid id, string handler, params (string, string)[] fields) =>
        session.PostWithTokenAsync($"/reports/{id}?handler={handler}", WebSession.AntiForgeryToken(page), fields);

    [Fact]
    public async Task AHotlineReport_WaitsInItsQueueWithoutAPerson_AndOnlyThatDepartementSeesIt()
    {
        var id = await HotlineReportAsync("59", "Yassine", "Attente");
        var report = await ReportAsync(id);
        report.Status.ShouldBe(ReportStatus.Received);
        report.PersonId.ShouldBeNull();
        report.CaseId.ShouldBeNull();

        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var queue = await ged59.GetAsync("/triage");
        queue.Status.ShouldBe(HttpStatusCode.OK, queue.ToString());
        queue.Html.ShouldContain($"/reports/{id}");
        queue.Html.ShouldContain("ATTENTE Yassine");
        (await ged59.GetAsync("/register?q=attente")).Html.ShouldContain(Fr("register.count", 0));

        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        (await ged75.GetAsync("/triage")).Html.ShouldNotContain(id.ToString());
        (await ged75.GetAsync($"/reports/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TakingInCharge_AsANewPerson_CreatesThePersonFromTheReport_AndLeavesTheQueue()
    {
        var id = await HotlineReportAsync("59", "Maïssa", "Nouvellepersonne");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var page = await ged59.GetAsync($"/reports/{id}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("triage.take-title"));
        var persons = await PersonCountAsync();

        var taken = await PostAsync(ged59, page, id, "TakeInCharge", ("PersonId", ""), ("Version", WebSession.Hidden(page, "Version")));

        taken.Redirects.ShouldBeTrue(taken.ToString());
        var report = await ReportAsync(id);
        report.Status.ShouldBe(ReportStatus.TakenInCharge);
        taken.Location.ShouldBe($"/persons/{report.PersonId}");
        (await PersonCountAsync()).ShouldBe(persons + 1);
        var person = await factory.WithDbAsync(db => db.Persons.IgnoreQueryFilters().SingleAsync(p => p.Id == report.PersonId));
        person.Surname.ShouldBe("Nouvellepersonne");
        person.TerritoryCode.ShouldBe("59");
        (await factory.WithDbAsync(db => db.PersonMatchKeys.CountAsync(k => k.PersonId == person.Id))).ShouldBeGreaterThan(0);
        (await ged59.GetAsync("/triage")).Html.ShouldNotContain(id.ToString());
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "report.take-in-charge" && e.ObjectId == id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task TakingInCharge_ShowsTheCandidate_AndAttachesTheReportToIt()
    {
        var existing = await factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", null, null, "Ibrahima", "Diallo", null, new PartialDate(2003, 5, 17), null, Sex.Male, null,
                    ["family-rupture"], "Premier signalement.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!.PersonId;
        });
        var id = await HotlineReportAsync("59", "Ibrahim", "Diallo");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var page = await ged59.GetAsync($"/reports/{id}");
        page.Html.ShouldContain($"value=\"{existing}\"");
        var persons = await PersonCountAsync();

        var taken = await PostAsync(ged59, page, id, "TakeInCharge", ("PersonId", existing.ToString()), ("Version", WebSession.Hidden(page, "Version")));

        taken.Redirects.ShouldBeTrue(taken.ToString());
        taken.Location.ShouldBe($"/persons/{existing}");
        (await ReportAsync(id)).PersonId.ShouldBe(existing);
        (await PersonCountAsync()).ShouldBe(persons);
    }

    [Fact]
    public async Task TakingInChargeTwice_WithTheVersionReadBefore_Returns409AndChangesNothing()
    {
        var id = await HotlineReportAsync("59", "Sofiane", "Doublon");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var page = await ged59.GetAsync($"/reports/{id}");
        var version = WebSession.Hidden(page, "Version");
        var first = await PostAsync(ged59, page, id, "TakeInCharge", ("PersonId", ""), ("Version", version));
        first.Redirects.ShouldBeTrue(first.ToString());
        var persons = await PersonCountAsync();
        var after = await ReportAsync(id);

        var second = await PostAsync(ged59, page, id, "TakeInCharge", ("PersonId", ""), ("Version", version));

        second.Status.ShouldBe(HttpStatusCode.Conflict, second.ToString());
        (await PersonCountAsync()).ShouldBe(persons);
        (await ReportAsync(id)).PersonId.ShouldBe(after.PersonId);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("'; DROP TABLE reports;--")]
    [InlineData("../../etc/passwd")]
    public async Task TakingInCharge_WithAMalformedChoice_NeverCreatesAPerson(string choice)
    {
        var id = await HotlineReportAsync("59", "Walid", "Malforme");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var page = await ged59.GetAsync($"/reports/{id}");
        var persons = await PersonCountAsync();

        var post = await PostAsync(ged59, page, id, "TakeInCharge", ("PersonId", choice), ("Version", WebSession.Hidden(page, "Version")));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
        (await PersonCountAsync()).ShouldBe(persons);
        (await ReportAsync(id)).Status.ShouldBe(ReportStatus.Received);
    }

    [Fact]
    public async Task TakingInCharge_IntoAPersonOfAnotherDepartement_IsRefused()
    {
        var other = await factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "62", null, null, "Karim", "Ailleurs", null, new PartialDate(2003, 5, 17), null, Sex.Male, null,
                    ["family-rupture"], "Premier signalement.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!.PersonId;
        });
        var id = await HotlineReportAsync("59", "Karim", "Ailleurs");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var page = await ged59.GetAsync($"/reports/{id}");
        page.Html.ShouldNotContain(other.ToString());

        var post = await PostAsync(ged59, page, id, "TakeInCharge", ("PersonId", other.ToString()), ("Version", WebSession.Hidden(page, "Version")));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
        post.Html.ShouldContain(Fr("error.person-not-found"));
        (await ReportAsync(id)).Status.ShouldBe(ReportStatus.Received);
    }

    [Theory]
    [InlineData(Roles.Hotline)]
    [InlineData(Roles.Care)]
    public async Task RolesOutsideThePanel_CannotOpenTheQueueNorTakeInCharge(string role)
    {
        var id = await HotlineReportAsync("59", "Nadir", "Horspanel");
        using var session = await factory.SignInAsync(role, "59");

        var queue = await session.GetAsync("/triage");
        queue.Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Found, HttpStatusCode.Redirect);
        var page = await session.GetAsync("/account/manage/tokens");
        var post = await PostAsync(session, page, id, "TakeInCharge", ("PersonId", ""), ("Version", "0"));

        post.Status.ShouldBe(HttpStatusCode.NotFound, post.ToString());
        (await ReportAsync(id)).Status.ShouldBe(ReportStatus.Received);
    }

    [Fact]
    public async Task AnotherDepartementsMember_CannotTakeInCharge()
    {
        var id = await HotlineReportAsync("59", "Lina", "Autredep");
        using var ged75 = await factory.SignInAsync(Roles.Ged, "75");
        var page = await ged75.GetAsync("/triage");

        var post = await PostAsync(ged75, page, id, "TakeInCharge", ("PersonId", ""), ("Version", "0"));

        post.Status.ShouldBe(HttpStatusCode.NotFound);
        (await ReportAsync(id)).Status.ShouldBe(ReportStatus.Received);
    }

    [Theory]
    [InlineData("", "error.report.reason-required")]
    [InlineData("<script>alert(1)</script>", "error.markup")]
    public async Task ClosingWithoutAValidReason_Returns422AndChangesNothing(string reason, string messageKey)
    {
        var id = await HotlineReportAsync("59", "Rayan", "Sansmotif");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var page = await ged59.GetAsync($"/reports/{id}");

        var post = await PostAsync(ged59, page, id, "Close", ("Reason", reason), ("Version", WebSession.Hidden(page, "Version")));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
        post.Html.ShouldContain(Fr(messageKey));
        (await ReportAsync(id)).Status.ShouldBe(ReportStatus.Received);
    }

    [Fact]
    public async Task ClosingWithAnOversizedReason_Returns422()
    {
        var id = await HotlineReportAsync("59", "Rayan", "Troplong");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var page = await ged59.GetAsync($"/reports/{id}");

        var post = await PostAsync(ged59, page, id, "Close", ("Reason", new string('a', Report.MaxClosingReasonLength + 1)), ("Version", WebSession.Hidden(page, "Version")));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
        (await ReportAsync(id)).Status.ShouldBe(ReportStatus.Received);
    }

    [Fact]
    public async Task ClosingAsNotPursued_KeepsTheReason_CreatesNoPerson_AndThePartnerSeesOnlyTheStatus()
    {
        var hotlineUser = await factory.UserAsync(Roles.Hotline, AccessScope.NationalValue);
        var id = await HotlineReportAsync("59", "Eva", "Classement");
        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        var page = await ged59.GetAsync($"/reports/{id}");
        var persons = await PersonCountAsync();

        var post = await PostAsync(ged59, page, id, "Close", ("Reason", "Inquiétude levée après appel de l'établissement."), ("Version", WebSession.Hidden(page, "Version")));

        post.Redirects.ShouldBeTrue(post.ToString());
        post.Location.ShouldBe("/triage");
        var report = await ReportAsync(id);
        report.Status.ShouldBe(ReportStatus.NotPursued);
        report.ClosedReason.ShouldBe("Inquiétude levée après appel de l'établissement.");
        report.PersonId.ShouldBeNull();
        (await PersonCountAsync()).ShouldBe(persons);

        using var hotline = factory.ClientFor(hotlineUser);
        var seen = await hotline.GetJsonAsync($"{TestApi.Reports}/{id}");
        seen.GetProperty("status").GetString().ShouldBe("not-pursued");
        seen.ToString().ShouldNotContain("Inquiétude", Case.Insensitive);
    }
}
