using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Triage;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// The partner door (issue 4): a partner professional reports with the weak-signals checklist and their
/// organisation (name and type required), with no register search; the report waits in the triage queue;
/// the partner sees its status and nothing else — no person, no case, no other partner's report.
/// </summary>
public sealed class PartnerReportTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static Dictionary<string, string> Report(string surname = "Eleve") => new(StringComparer.Ordinal)
    {
        ["Input.Source"] = "professional",
        ["Input.Territory"] = "59",
        ["Input.ReporterName"] = "Paulette Collège",
        ["Input.ReporterContact"] = "cpe@college-jaures.test",
        ["Input.Organisation"] = "Collège Jean-Jaurès (Lille)",
        ["Input.OrganisationType"] = "school",
        ["Input.GivenName"] = "Théo",
        ["Input.Surname"] = surname,
        ["Input.DateOfBirth"] = "2011",
        ["Input.Sex"] = "M",
        ["Input.Narrative"] = "Absences répétées, isolement en classe, justifie des violences vues en ligne.",
        ["Input.Urgency"] = "priority",
    };

    private static async Task<PageResponse> SubmitAsync(WebSession session, Dictionary<string, string> fields, IEnumerable<string>? behaviours = null)
    {
        var form = await session.GetAsync("/reports/new");
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        var all = fields.Select(f => (f.Key, f.Value)).ToList();
        all.Add(("Input.FormKey", WebSession.Hidden(form, "Input.FormKey")));
        all.AddRange((behaviours ?? ["isolation", "school-work-dropout", "violence-justification"]).Select(b => ("Input.Behaviours", b)));
        return await session.PostWithTokenAsync("/reports/new", WebSession.AntiForgeryToken(form), [.. all]);
    }

    private Task<int> ReportCountAsync() => factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().CountAsync());

    private Task<Report> LatestBySurnameAsync(string surname) =>
        factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.ReportedSurname == surname));

    [Fact]
    public async Task TheForm_AsksAPartnerForTheirOrganisation_AndOffersNoRegisterSearch()
    {
        using var session = await factory.SignInAsync(Roles.Partner, "59");
        var form = await session.GetAsync("/reports/new");

        form.Html.ShouldContain(Fr("partner.organisation"));
        form.Html.ShouldContain(Fr("partner.organisation-type"));
        form.Html.ShouldContain(Fr("orgtype.school"));
        form.Html.ShouldContain(Fr("behaviour.isolation"));
        form.Html.ShouldNotContain(Fr("match.search"));
        form.Html.ShouldNotContain("id=\"Input_Source\"");
    }

    [Fact]
    public async Task APartnerReport_IsRecordedWithItsOrganisation_WaitsInTheQueue_AndShowsOnlyItsStatus()
    {
        using var session = await factory.SignInAsync(Roles.Partner, "59");
        var response = await SubmitAsync(session, Report("Partenaire"));

        response.Redirects.ShouldBeTrue(response.ToString());
        response.Location.ShouldBe("/reports/mine");
        var report = await LatestBySurnameAsync("Partenaire");
        report.Source.ShouldBe(ReportSource.Professional);
        report.Organisation.ShouldBe("Collège Jean-Jaurès (Lille)");
        report.OrganisationType.ShouldBe("school");
        report.Status.ShouldBe(ReportStatus.Received);
        report.PersonId.ShouldBeNull();

        var mine = await session.GetAsync("/reports/mine");
        mine.Html.ShouldContain(report.Receipt);
        mine.Html.ShouldContain(Fr("report.status.Received"));

        using var ged59 = await factory.SignInAsync(Roles.Ged, "59");
        (await ged59.GetAsync("/triage")).Html.ShouldContain($"/reports/{report.Id}");
        (await ged59.GetAsync($"/reports/{report.Id}")).Html.ShouldContain(Html("Collège Jean-Jaurès (Lille)"));

        var personId = await factory.AsSystemAsync(async services =>
        {
            var result = await services.GetRequiredService<TriageReport>().TakeInChargeAsync(report.Id, null, report.Version, CancellationToken.None);
            result.Outcome.ShouldBe(TriageReport.Outcome.Done);
            return result.PersonId!.Value;
        });
        (await session.GetAsync("/reports/mine")).Html.ShouldContain(Fr("report.status.TakenInCharge"));
        var details = await session.GetAsync($"/reports/{report.Id}");
        details.Status.ShouldBe(HttpStatusCode.OK);
        details.Html.ShouldNotContain($"/persons/{personId}");

        // Nothing of the follow-up: not the person, not the register, not the queue.
        var stored = await factory.WithDbAsync(db => db.Reports.IgnoreQueryFilters().SingleAsync(r => r.Id == report.Id));
        foreach (var url in new[] { $"/persons/{personId}", "/register", "/triage", "/hotline" })
        {
            var page = await session.GetAsync(url);
            (page.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || (page.Redirects && page.Location!.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase))).ShouldBeTrue(url + " " + page);
            page.Html.ShouldNotContain("PARTENAIRE");
        }

        var partner = await factory.PageUserAsync(Roles.Partner, "59");
        using var api = factory.ClientWithToken(partner.Token);
        using var person = await api.GetAsync(new Uri($"{TestApi.Persons}/{personId}", UriKind.Relative));
        person.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var caseMove = await api.TransitionAsync(stored.CaseId!.Value, "under-assessment", "essai", 0);
        caseMove.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var json = await api.GetJsonAsync($"{TestApi.Reports}/{report.Id}");
        json.GetProperty("status").GetString().ShouldBe("taken-in-charge");
        json.TryGetProperty("personId", out _).ShouldBeFalse();
        json.TryGetProperty("caseId", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task APartner_CannotReadAnotherPartnersReport()
    {
        using var session = await factory.SignInAsync(Roles.Partner, "59");
        (await SubmitAsync(session, Report("Autrepartenaire"))).Redirects.ShouldBeTrue();
        var report = await LatestBySurnameAsync("Autrepartenaire");

        var colleague = await factory.CreatePageUserAsync(Roles.Partner, "59");
        using var other = await factory.SignInAsync(colleague);
        (await other.GetAsync($"/reports/{report.Id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/reports/mine")).Html.ShouldNotContain(report.Receipt);
        using var api = factory.ClientWithToken(colleague.Token);
        using var read = await api.GetAsync(new Uri($"{TestApi.Reports}/{report.Id}", UriKind.Relative));
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string, int?> BadFields => new()
    {
        { "Input.Organisation", "", "hotline.error.organisation-required", null },
        { "Input.Organisation", new string('o', 201), "error.too-long", 200 },
        { "Input.Organisation", "<script>alert(1)</script>", "error.markup", null },
        { "Input.Organisation", "Lycée'; DROP TABLE reports; --", "error.characters", null },
        { "Input.Organisation", "../../etc/passwd", "error.characters", null },
        { "Input.OrganisationType", "", "hotline.error.organisation-type-required", null },
        { "Input.OrganisationType", "secret-society", "error.unknown-value", null },
        { "Input.Source", "panel", "hotline.error.source-not-allowed", null },
        { "Input.Territory", "62", "error.territory-outside-scope", null },
        { "Input.Urgency", "routine", "hotline.error.urgency-below-rule", null },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task BadField_Answers422WithItsMessage_AndStoresNothing(string field, string value, string message, int? argument)
    {
        using var session = await factory.SignInAsync(Roles.Partner, "59");
        var before = await ReportCountAsync();
        var fields = Report("Mauvaischamp");
        fields[field] = value;

        var response = await SubmitAsync(session, fields);

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, response.ToString());
        var expected = message == "hotline.error.urgency-below-rule"
            ? Fr(message, FrText("urgency.priority"), FrText("hotline.rule.priority"))
            : argument is { } a ? Fr(message, a) : Fr(message);
        response.Html.ShouldContain(expected);
        response.Html.ShouldNotContain("<script>alert(1)</script>", Shouldly.Case.Sensitive);
        (await ReportCountAsync()).ShouldBe(before);
    }
}
