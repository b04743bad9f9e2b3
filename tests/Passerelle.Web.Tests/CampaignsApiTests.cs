using System.Net;
using System.Text.Json.Nodes;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using Passerelle.Web.Tests.Pages;

namespace Passerelle.Web.Tests;

/// <summary>
/// <c>GET /api/v1/campaigns/{id}/progress</c>: counts per département — every département for the analyst
/// (national campaigns only), the caller's own for a panel; never a case id or a name; other roles refused.
/// </summary>
public sealed class CampaignsApiTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private sealed record Seeded(Guid National, Guid Departmental59, SeededCase Nord, SeededCase Paris);

    private Task<Seeded> SeedAsync() => factory.OnceAsync("campaigns", async () =>
    {
        var nord = await factory.FollowedCaseAsync("59", "Anis", PanelSeed.Surname("Api"), factory.Today().AddDays(30));
        var nord2 = await factory.FollowedCaseAsync("59", "Basile", PanelSeed.Surname("Api"), factory.Today().AddDays(30));
        var paris = await factory.FollowedCaseAsync("75", "Clara", PanelSeed.Surname("Api"), factory.Today().AddDays(30));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var national = new ReviewCampaign { Title = "Nationale API", ScopeStatuses = "Followed", Deadline = factory.Today().AddDays(10), CreatedAt = now, CreatedById = "analyst" };
        var local = new ReviewCampaign { Title = "Nord API", TerritoryCode = "59", ScopeStatuses = "Followed", Deadline = factory.Today().AddDays(10), CreatedAt = now, CreatedById = "chair" };
        await factory.WithDbAsync(async db =>
        {
            db.ReviewCampaigns.AddRange(national, local);
            db.CampaignCases.AddRange(
                new CampaignCase { CampaignId = national.Id, CaseId = nord.CaseId, TerritoryCode = "59", ReviewedAt = now, ReviewedById = "x" },
                new CampaignCase { CampaignId = national.Id, CaseId = nord2.CaseId, TerritoryCode = "59" },
                new CampaignCase { CampaignId = national.Id, CaseId = paris.CaseId, TerritoryCode = "75" },
                new CampaignCase { CampaignId = local.Id, CaseId = nord.CaseId, TerritoryCode = "59" });
            await db.SaveChangesAsync();
        });
        return new Seeded(national.Id, local.Id, nord, paris);
    });

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string role, string territories, Guid id)
    {
        using var client = factory.ClientFor(await factory.UserAsync(role, territories));
        using var response = await client.GetAsync(new Uri($"/api/v1/campaigns/{id}/progress", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheAnalyst_GetsCountsPerDepartement_AndNothingElse()
    {
        var seeded = await SeedAsync();

        var (status, body) = await GetAsync(Roles.Analyst, AccessScope.NationalValue, seeded.National);

        status.ShouldBe(HttpStatusCode.OK, body);
        var json = JsonNode.Parse(body)!;
        json["total"]!["inScope"]!.GetValue<int>().ShouldBe(3);
        json["total"]!["reviewed"]!.GetValue<int>().ShouldBe(1);
        var territories = json["territories"]!.AsArray();
        territories.Select(t => t!["territory"]!.GetValue<string>()).ShouldBe(["59", "75"]);
        territories[0]!["percent"]!.GetValue<int>().ShouldBe(50);
        territories[0]!["remaining"]!.GetValue<int>().ShouldBe(1);
        body.ShouldNotContain(seeded.Nord.CaseId.ToString());
        body.ShouldNotContain(seeded.Paris.CaseId.ToString());
        body.ShouldNotContain(seeded.Nord.Surname);
        (await factory.AuditCountAsync("campaign.viewed", seeded.National)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task APanel_GetsItsOwnDepartementOnly()
    {
        var seeded = await SeedAsync();

        var (status, body) = await GetAsync(Roles.Ged, "75", seeded.National);

        status.ShouldBe(HttpStatusCode.OK, body);
        var territories = JsonNode.Parse(body)!["territories"]!.AsArray();
        territories.Select(t => t!["territory"]!.GetValue<string>()).ShouldBe(["75"]);
        body.ShouldNotContain("\"59\"");
    }

    [Fact]
    public async Task ADepartmentalCampaign_IsNotFoundForAnotherPanelAndForTheAnalyst()
    {
        var seeded = await SeedAsync();

        (await GetAsync(Roles.Ged, "75", seeded.Departmental59)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(Roles.Analyst, AccessScope.NationalValue, seeded.Departmental59)).Status.ShouldBe(HttpStatusCode.NotFound);
        var (status, body) = await GetAsync(Roles.GedChair, "59", seeded.Departmental59);
        status.ShouldBe(HttpStatusCode.OK, body);
        JsonNode.Parse(body)!["total"]!["inScope"]!.GetValue<int>().ShouldBe(1);
    }

    [Theory]
    [InlineData(Roles.Hotline, "national")]
    [InlineData(Roles.Admin, "national")]
    [InlineData(Roles.Assessor, "59")]
    public async Task OtherRoles_AreRefused(string role, string territories)
    {
        var seeded = await SeedAsync();

        var (status, body) = await GetAsync(role, territories, seeded.National);

        status.ShouldBe(HttpStatusCode.Forbidden, body);
        body.ShouldNotContain("inScope");
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("1'%3B DROP TABLE review_campaigns--")]
    public async Task AMalformedId_IsNotFound(string id)
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Analyst, AccessScope.NationalValue));
        using var response = await client.GetAsync(new Uri($"/api/v1/campaigns/{id}/progress", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownCampaign_IsNotFound() =>
        (await GetAsync(Roles.Analyst, AccessScope.NationalValue, Guid.CreateVersion7())).Status.ShouldBe(HttpStatusCode.NotFound);
}
