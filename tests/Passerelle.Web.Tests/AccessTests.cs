using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>
/// Territory and compartment rules on every read path: another département or a role without the
/// register compartment gets nothing (404 for ids, empty lists, total 0), or 403 where the role lacks the route.
/// </summary>
public sealed class AccessTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    /// <summary>The users of the matrix, by a short name used in the theories.</summary>
    public static readonly IReadOnlyDictionary<string, (string Role, string Territories)> Users = new Dictionary<string, (string, string)>
    {
        ["ged59"] = (Roles.Ged, "59"),
        ["ged62"] = (Roles.Ged, "62"),
        ["chair59"] = (Roles.GedChair, "59"),
        ["hotline"] = (Roles.Hotline, AccessScope.NationalValue),
        ["care59"] = (Roles.Care, "59"),
        ["admin"] = (Roles.Admin, AccessScope.NationalValue),
        ["dpo"] = (Roles.Dpo, AccessScope.NationalValue),
        ["analyst"] = (Roles.Analyst, AccessScope.NationalValue),
    };

    /// <summary>Roles with no access to the register (the persons routes answer 403).</summary>
    public static TheoryData<string> WithoutRegister => new() { "hotline", "care59", "admin", "dpo", "analyst" };

    /// <summary>Users who must not see département 59's register rows.</summary>
    public static TheoryData<string> NotOf59 => new() { "ged62", "hotline", "care59", "admin", "dpo", "analyst" };

    private sealed record World(Guid Person59, Guid Report59, Guid Case59, Guid Person62, Guid Report62, Guid Case62);

    private async Task<TestUser> UserAsync(string name) => await factory.UserAsync(Users[name].Role, Users[name].Territories);

    private async Task<HttpClient> ClientAsync(string name) => factory.ClientFor(await UserAsync(name));

    private Task<World> WorldAsync() => factory.OnceAsync("world", async () =>
    {
        using var ged59 = await ClientAsync("ged59");
        using var ged62 = await ClientAsync("ged62");
        var report59 = await ged59.CreateReportAsync(TestApi.Report("59", surname: "Martin", givenName: "Lucas"));
        var report62 = await ged62.CreateReportAsync(TestApi.Report("62", surname: "Moreau", givenName: "Thomas"));
        var read59 = await ged59.GetJsonAsync($"{TestApi.Reports}/{report59.Id}");
        var read62 = await ged62.GetJsonAsync($"{TestApi.Reports}/{report62.Id}");
        return new World(
            read59.GetProperty("personId").GetGuid(), report59.Id, read59.GetProperty("caseId").GetGuid(),
            read62.GetProperty("personId").GetGuid(), report62.Id, read62.GetProperty("caseId").GetGuid());
    });

    [Theory]
    [InlineData("ged59")]
    [InlineData("chair59")]
    public async Task PersonsOf59_ReadBy59Register_AreVisibleEverywhere(string name)
    {
        var world = await WorldAsync();
        using var client = await ClientAsync(name);

        var person = await client.GetJsonAsync($"{TestApi.Persons}/{world.Person59}");
        person.GetProperty("territory").GetString().ShouldBe("59");
        var report = await client.GetJsonAsync($"{TestApi.Reports}/{world.Report59}");
        report.GetProperty("territory").GetString().ShouldBe("59");
        var list = await client.GetJsonAsync(TestApi.Persons);
        Territories(list).ShouldBe(["59"]);
        list.GetProperty("total").GetInt32().ShouldBe(list.GetProperty("items").GetArrayLength());
        var search = await client.GetJsonAsync($"{TestApi.Persons}?query=martin");
        search.GetProperty("total").GetInt32().ShouldBe(1);
        search.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(world.Person59);
    }

    [Fact]
    public async Task PersonsList_ForGed62_ShowsOnly62AndHidesMartinOf59()
    {
        var world = await WorldAsync();
        using var client = await ClientAsync("ged62");

        var list = await client.GetJsonAsync($"{TestApi.Persons}?pageSize=100");
        Territories(list).ShouldBe(["62"]);
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldNotContain(world.Person59);
        list.GetProperty("total").GetInt32().ShouldBe(await factory.WithDbAsync(db => db.Persons.CountAsync(p => p.TerritoryCode == "62")));

        var search = await client.GetJsonAsync($"{TestApi.Persons}?query=martin");
        search.GetProperty("items").GetArrayLength().ShouldBe(0);
        search.GetProperty("total").GetInt32().ShouldBe(0);

        var byDate = await client.GetJsonAsync($"{TestApi.Persons}?query=lucas&dateOfBirth=2006");
        byDate.GetProperty("total").GetInt32().ShouldBe(0);

        var byStatus = await client.GetJsonAsync($"{TestApi.Persons}?status=Reported&query=martin");
        byStatus.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(WithoutRegister))]
    public async Task PersonsRoutes_ForRoleWithoutRegister_Return403(string name)
    {
        var world = await WorldAsync();
        using var client = await ClientAsync(name);

        using var list = await client.GetAsync(new Uri(TestApi.Persons, UriKind.Relative));
        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var search = await client.GetAsync(new Uri($"{TestApi.Persons}?query=martin", UriKind.Relative));
        search.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var one = await client.GetAsync(new Uri($"{TestApi.Persons}/{world.Person59}", UriKind.Relative));
        one.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await one.Content.ReadAsStringAsync()).ShouldNotContain("Martin");
    }

    [Fact]
    public async Task PersonOf59_ReadByGed62_Returns404()
    {
        var world = await WorldAsync();
        using var client = await ClientAsync("ged62");

        using var response = await client.GetAsync(new Uri($"{TestApi.Persons}/{world.Person59}", UriKind.Relative));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Martin");
    }

    [Theory]
    [MemberData(nameof(NotOf59))]
    public async Task ReportOf59_ReadOutsideIts59Register_Returns404(string name)
    {
        var world = await WorldAsync();
        using var client = await ClientAsync(name);

        using var response = await client.GetAsync(new Uri($"{TestApi.Reports}/{world.Report59}", UriKind.Relative));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Martin");
    }

    [Fact]
    public async Task ReportOf62_ReadByGed59_Returns404_AndByGed62_Returns200()
    {
        var world = await WorldAsync();
        using var ged59 = await ClientAsync("ged59");
        using var ged62 = await ClientAsync("ged62");

        using var hidden = await ged59.GetAsync(new Uri($"{TestApi.Reports}/{world.Report62}", UriKind.Relative));
        await hidden.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var shown = await ged62.GetJsonAsync($"{TestApi.Reports}/{world.Report62}");
        shown.GetProperty("person").GetProperty("surname").GetString().ShouldBe("Moreau");
    }

    [Fact]
    public async Task CaseOf59_TransitionedByGed62_Returns404AndChangesNothing()
    {
        var world = await WorldAsync();
        using var client = await ClientAsync("ged62");
        var before = await CaseStateAsync(world.Case59);

        using var response = await client.TransitionAsync(world.Case59, "UnderAssessment", "Évaluation demandée", before.Version);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await CaseStateAsync(world.Case59)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(WithoutRegister))]
    public async Task CaseOf59_TransitionedByRoleWithoutRegister_Returns403AndChangesNothing(string name)
    {
        var world = await WorldAsync();
        using var client = await ClientAsync(name);
        var before = await CaseStateAsync(world.Case59);

        using var response = await client.TransitionAsync(world.Case59, "UnderAssessment", "Évaluation demandée", before.Version);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CaseStateAsync(world.Case59)).ShouldBe(before);
    }

    [Fact]
    public async Task PersonsList_ForTwoTerritoryUser_ShowsBothAndNothingElse()
    {
        await WorldAsync();
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59,62"));

        var list = await client.GetJsonAsync($"{TestApi.Persons}?pageSize=100");

        Territories(list).ShouldBe(["59", "62"]);
        list.GetProperty("total").GetInt32().ShouldBe(await factory.WithDbAsync(db => db.Persons.CountAsync(p => p.TerritoryCode == "59" || p.TerritoryCode == "62")));
    }

    private async Task<(CaseStatus Status, int Version, int Events)> CaseStateAsync(Guid caseId) =>
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId);
            return (c.Status, c.Version, await db.CaseEvents.CountAsync(e => e.CaseId == caseId));
        });

    private static string[] Territories(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("territory").GetString()!).Distinct().Order(StringComparer.Ordinal)];
}
