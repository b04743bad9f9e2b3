using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The case page (/cases/{id}) and its API (GET /api/v1/cases/{id}/timeline): the header, the dated timeline
/// newest first with its category filters (a plain GET; unknown categories ignored), the care/programme flag
/// only, the links to the other panel pages; read under audit, another département's case is not found.
/// </summary>
public sealed class CasePageTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private async Task<PanelCaseData.Registered> FollowedCaseAsync(string given, string surname)
    {
        var person = await PanelCaseData.RegisterAsync(factory, "59", given, surname);
        await PanelCaseData.DecideAsync(factory, person.CaseId, DecisionType.KeepFollowed, "Suivi confié à la police nationale.");
        await PanelCaseData.AssessAndCampaignAsync(factory, person.CaseId);
        await PanelCaseData.DecideAsync(factory, person.CaseId, DecisionType.ReferCare, "Orientation vers la CPRAF avec l'accord de la famille.");
        return person;
    }

    private Task<int> ReadEventsAsync(Guid caseId, string outcome = "success") =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "case.read" && e.ObjectId == caseId.ToString() && e.Outcome == outcome));

    [Fact]
    public async Task CasePage_ShowsTheHeaderAndTheWholeTimelineNewestFirst_AndIsAudited()
    {
        var person = await FollowedCaseAsync("Jules", "Chronologie");
        var report = await factory.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == person.ReportId));
        using var session = await factory.SignInAsync(Roles.Ged, "59");
        var before = await ReadEventsAsync(person.CaseId);

        var page = await session.GetAsync($"/cases/{person.CaseId}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain("CHRONOLOGIE Jules");
        page.Html.ShouldContain($"/persons/{person.PersonId}");
        page.Html.ShouldContain(Fr("status.Followed"));
        page.Html.ShouldContain("Police nationale");
        page.Html.ShouldContain(Fr("case-page.decision.ReferCare"));
        page.Html.ShouldContain(Html(FrText("case-page.flag.Care", "").TrimEnd()));
        page.Html.ShouldNotContain(Html(FrText("case-page.flag.Programme", "").TrimEnd()));
        page.Html.ShouldContain(report.Receipt);
        page.Html.ShouldContain(Fr("urgency.imminent"));
        page.Html.ShouldContain(Html("Orientation vers la CPRAF avec l'accord de la famille."));
        page.Html.ShouldContain($"/assessments/new?caseId={person.CaseId}");
        page.Html.ShouldContain($"/assessments/compare?caseId={person.CaseId}");
        page.Html.ShouldContain($"/panel/meetings/request?caseId={person.CaseId}");
        page.Html.ShouldContain("href=\"/panel/transfers\"");
        page.Html.ShouldNotContain(Fr("case-page.overdue"));

        var newest = page.Html.IndexOf(Fr("case-page.kind.DecisionApplied", Fr("case-page.decision.ReferCare")), StringComparison.Ordinal);
        var assessed = page.Html.IndexOf(Fr("case-page.kind.AssessmentRecorded"), StringComparison.Ordinal);
        var opened = page.Html.IndexOf(Fr("case-page.kind.Opened"), StringComparison.Ordinal);
        newest.ShouldBeGreaterThan(0);
        assessed.ShouldBeGreaterThan(newest);
        opened.ShouldBeGreaterThan(assessed);
        (await ReadEventsAsync(person.CaseId)).ShouldBe(before + 1);

        var file = await session.GetAsync($"/persons/{person.PersonId}");
        file.Html.ShouldContain($"href=\"/cases/{person.CaseId}\"");
    }

    [Fact]
    public async Task Filters_ShowOnlyTheChosenCategories_AndSayWhenNothingMatches()
    {
        var person = await FollowedCaseAsync("Leon", "Filtre");
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var decisions = await session.GetAsync($"/cases/{person.CaseId}?kinds=decisions");
        decisions.Status.ShouldBe(HttpStatusCode.OK, decisions.ToString());
        decisions.Html.ShouldContain(Fr("case-page.kind.DecisionApplied", Fr("case-page.decision.KeepFollowed")));
        decisions.Html.ShouldNotContain(Fr("case-page.kind.Opened"));
        decisions.Html.ShouldNotContain(Fr("case-page.kind.AssessmentRecorded"));
        decisions.Html.ShouldContain("value=\"decisions\" checked");
        decisions.Html.ShouldContain(Fr("case-page.count", 2, 5));

        var two = await session.GetAsync($"/cases/{person.CaseId}?kinds=reports&kinds=assessments");
        two.Html.ShouldContain(Fr("case-page.kind.ReportAttached"));
        two.Html.ShouldContain(Fr("case-page.kind.AssessmentRecorded"));
        two.Html.ShouldNotContain(Fr("case-page.kind.DecisionApplied", Fr("case-page.decision.KeepFollowed")));

        var none = await session.GetAsync($"/cases/{person.CaseId}?kinds=transfers");
        none.Status.ShouldBe(HttpStatusCode.OK);
        none.Html.ShouldContain(Fr("case-page.empty-filtered"));
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("'; DROP TABLE case_events; --")]
    [InlineData("../../etc/passwd")]
    [InlineData("1")]
    [InlineData("unknown,,UNKNOWN,%00")]
    public async Task UnknownFilterValues_AreIgnored_WithoutAnError(string kinds)
    {
        var person = await PanelCaseData.RegisterAsync(factory, "59", "Marcel", "Inconnu" + Math.Abs(kinds.GetHashCode(StringComparison.Ordinal)));
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var page = await session.GetAsync($"/cases/{person.CaseId}?kinds={Uri.EscapeDataString(kinds)}");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldNotContain("<script>alert(1)</script>");
        page.Html.ShouldContain(Fr("case-page.kind.ReportAttached"));
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == person.CaseId))).ShouldBe(2);
    }

    [Fact]
    public async Task AReviewPastItsDate_IsShownOverdue()
    {
        var person = await PanelCaseData.RegisterAsync(factory, "59", "Noel", "Retard");
        await PanelCaseData.DecideAsync(factory, person.CaseId, DecisionType.ReferProgramme, "Orientation vers le programme.");
        factory.Clock.Advance(TimeSpan.FromDays(200));
        using var session = await factory.SignInAsync(Roles.Ged, "59");

        var page = await session.GetAsync($"/cases/{person.CaseId}");

        page.Html.ShouldContain(Fr("case-page.overdue"));
        page.Html.ShouldContain("id=\"flag-programme\"");
    }

    [Fact]
    public async Task AnotherDepartementsCase_IsNotFound_AndOtherRolesAreRefused()
    {
        var person = await PanelCaseData.RegisterAsync(factory, "59", "Octave", "Ailleurs");
        using var other = await factory.SignInAsync(Roles.Ged, "62");
        (await other.GetAsync($"/cases/{person.CaseId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/cases/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/cases/not-a-guid")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ReadEventsAsync(person.CaseId, "not-found")).ShouldBeGreaterThanOrEqualTo(1);

        foreach (var (role, territory) in new[] { (Roles.Assessor, "59"), (Roles.Care, "59"), (Roles.Dpo, "national"), (Roles.Analyst, "national") })
        {
            using var session = await factory.SignInAsync(role, territory);
            var page = await session.GetAsync($"/cases/{person.CaseId}");
            (page.Status == HttpStatusCode.Forbidden || (page.Redirects && page.Location!.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase))).ShouldBeTrue($"{role}: {page}");
        }
    }

    [Fact]
    public async Task Api_GivesTheTimelineFiltered_404OutOfScope_AndIsAudited()
    {
        var person = await FollowedCaseAsync("Paulin", "Api");
        var ged = await factory.UserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(ged);
        var before = await ReadEventsAsync(person.CaseId);

        using var response = await client.GetAsync(new Uri($"/api/v1/cases/{person.CaseId}/timeline?kinds=decisions,bogus", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.GetProperty("case").GetProperty("status").GetString().ShouldBe("Followed");
        root.GetProperty("total").GetInt32().ShouldBe(5);
        var events = root.GetProperty("events").EnumerateArray().ToList();
        events.Count.ShouldBe(2);
        events.ShouldAllBe(e => e.GetProperty("category").GetString() == "decisions");
        events[0].GetProperty("detail").GetString().ShouldBe("ReferCare");
        root.GetProperty("flags").EnumerateArray().Single().GetProperty("kind").GetString().ShouldBe("Care");
        (await ReadEventsAsync(person.CaseId)).ShouldBe(before + 1);

        using var all = await client.GetAsync(new Uri($"/api/v1/cases/{person.CaseId}/timeline?kinds=%3Cscript%3E", UriKind.Relative));
        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var allJson = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        allJson.RootElement.GetProperty("events").GetArrayLength().ShouldBe(5);

        var other = await factory.UserAsync(Roles.Ged, "62");
        using var otherClient = factory.ClientFor(other);
        using var hidden = await otherClient.GetAsync(new Uri($"/api/v1/cases/{person.CaseId}/timeline", UriKind.Relative));
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var assessor = await factory.UserAsync(Roles.Assessor, "59");
        using var assessorClient = factory.ClientFor(assessor);
        using var refused = await assessorClient.GetAsync(new Uri($"/api/v1/cases/{person.CaseId}/timeline", UriKind.Relative));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
