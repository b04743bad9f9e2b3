using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using Passerelle.Web.Tests.Pages;

namespace Passerelle.Web.Tests;

/// <summary>GET /api/v1/cases/{id}/assessments: ratings as words, the territory's assessment holders only, audited.</summary>
public sealed class AssessmentsApiTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private sealed record World(Guid CaseId, Guid AssessmentId);

    private Task<World> WorldAsync() => factory.OnceAsync("api-world", async () =>
    {
        await AssessmentKit.EnsureGridAsync(factory);
        var (_, caseId) = await AssessmentKit.CaseAsync(factory, "59", "Iris", "Apivalue");
        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var id = await AssessmentKit.RequestAsync(ged, caseId);
        using var assessor = await factory.SignInAsync(Roles.Assessor, "59");
        var done = await AssessmentKit.SaveAsync(assessor, id, AssessmentKit.Ratings(("ENG1", "Present"), ("INT2", "PartlyPresent"), ("CAP1", "Absent")), "Synthèse.", complete: true);
        done.Redirects.ShouldBeTrue(done.ToString());
        return new World(caseId, id);
    });

    [Theory]
    [InlineData(Roles.Ged, "59")]
    [InlineData(Roles.Assessor, "59")]
    public async Task CaseAssessments_GivesRatingsAsWords_AndIsAudited(string role, string territory)
    {
        var (caseId, id) = await WorldAsync();
        using var client = factory.ClientFor(await factory.UserAsync(role, territory));

        using var response = await client.GetAsync(new Uri($"/api/v1/cases/{caseId}/assessments", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var one = json.RootElement.EnumerateArray().Single();
        one.GetProperty("id").GetGuid().ShouldBe(id);
        one.GetProperty("status").GetString().ShouldBe("completed");
        one.GetProperty("narrative").GetString().ShouldBe("Synthèse.");
        var items = one.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(15);
        items.ShouldAllBe(i => i.GetProperty("rating").ValueKind == JsonValueKind.String);
        items.Select(i => i.GetProperty("rating").GetString()).Distinct().Order().ShouldBe(["absent", "partly-present", "present", "unknown"]);
        items.Single(i => i.GetProperty("code").GetString() == "INT2").GetProperty("rating").GetString().ShouldBe("partly-present");
        one.EnumerateObject().Select(p => p.Name).ShouldNotContain(n => n.Contains("score", StringComparison.OrdinalIgnoreCase) || n.Contains("total", StringComparison.OrdinalIgnoreCase));
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "assessment.read" && e.ObjectId == id.ToString() && e.Reason == "api"))).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(Roles.Ged, "75")]
    [InlineData(Roles.Assessor, "75")]
    public async Task CaseAssessments_OfAnotherTerritory_Is404(string role, string territory)
    {
        var (caseId, _) = await WorldAsync();
        using var client = factory.ClientFor(await factory.UserAsync(role, territory));
        using var response = await client.GetAsync(new Uri($"/api/v1/cases/{caseId}/assessments", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Apivalue");
    }

    [Theory]
    [InlineData(Roles.Admin, "national")]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Hotline, "national")]
    [InlineData(Roles.Analyst, "national")]
    public async Task CaseAssessments_ForOtherRoles_Is403(string role, string territory)
    {
        var (caseId, _) = await WorldAsync();
        using var client = factory.ClientFor(await factory.UserAsync(role, territory));
        using var response = await client.GetAsync(new Uri($"/api/v1/cases/{caseId}/assessments", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-guid")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("1'%20OR%20'1'='1")]
    public async Task CaseAssessments_OfAnUnknownOrMalformedId_Is404(string id)
    {
        await WorldAsync();
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        using var response = await client.GetAsync(new Uri($"/api/v1/cases/{id}/assessments", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
