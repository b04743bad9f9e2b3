using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Case = Shouldly.Case;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>
/// POST /api/v1/persons/candidates (issue 3): the report form's register search over the API. Candidates of
/// the caller's territories with probability and why, a bare département code for the others, an audited
/// read, the report's validation. Each test uses its own identities: the register is shared by the class.
/// </summary>
public sealed class CandidatesApiTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const string Candidates = "/api/v1/persons/candidates";

    private static JsonObject Person(string given, string surname, string dob, string sex = "M", string? address = null, string? aliases = null) => new()
    {
        ["givenName"] = given,
        ["surname"] = surname,
        ["aliases"] = aliases,
        ["dateOfBirth"] = dob,
        ["sex"] = sex,
        ["address"] = address,
    };

    /// <summary>Puts a person in the register as a first report would (through RecordReport, keys included).</summary>
    private Task<Guid> RegisterAsync(string territory, string given, string surname, PartialDate dob, Sex sex, string? address = null, string? aliases = null, string? place = null) =>
        factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, given, surname, aliases, dob, place, sex, address,
                    ["family-rupture"], "Premier signalement.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!.PersonId;
        });

    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string mediaType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        return await client.PostAsync(new Uri(Candidates, UriKind.Relative), content);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject person) => PostRawAsync(client, person.ToJsonString());

    private Task<int> SearchesByAsync(string userId) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.UserId == userId && (e.Action == "match.candidates" || e.Action == "person.listed")));

    [Fact]
    public async Task FindCandidates_ForPersonReportedAgainWithTransliteratedNames_ReturnsThemWithProbabilityAndEvidence()
    {
        var id = await RegisterAsync("59", "Magomed", "Yevloyev", new PartialDate(1998, 4, 12), Sex.Male, place: "Nazran");
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));

        using var response = await PostAsync(client, Person("Magomed", "Ievloev", "1998-04-12"));

        var json = await response.JsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, json.ToString());
        var candidate = json.GetProperty("candidates").EnumerateArray().ShouldHaveSingleItem();
        candidate.GetProperty("personId").GetGuid().ShouldBe(id);
        candidate.GetProperty("givenName").GetString().ShouldBe("Magomed");
        candidate.GetProperty("surname").GetString().ShouldBe("Yevloyev");
        candidate.GetProperty("dateOfBirth").GetString().ShouldBe("1998-04-12");
        candidate.GetProperty("territoryCode").GetString().ShouldBe("59");
        candidate.GetProperty("probability").GetDouble().ShouldBeInRange(0.5, 1.0);
        var evidence = candidate.GetProperty("evidence").EnumerateArray()
            .Select(e => (Field: e.GetProperty("field").GetString(), Level: e.GetProperty("level").GetString(), Direction: e.GetProperty("direction").GetInt32()))
            .ToList();
        evidence.ShouldContain(("DateOfBirth", "exact", 1));
        evidence.ShouldAllBe(e => e.Direction == 1 || e.Direction == -1);
        json.GetProperty("otherTerritories").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task FindCandidates_WithAPartialDateOfBirth_StillFindsThePerson()
    {
        var id = await RegisterAsync("59", "Adam", "Tchalaev", new PartialDate(2001, 5, 17), Sex.Male, "3 rue Solferino, Lille");
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));

        using var response = await PostAsync(client, Person("Adam", "Chalaev", "2001-05", address: "3 rue Solferino, Lille"));

        var json = await response.JsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, json.ToString());
        json.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("personId").GetGuid()).ShouldContain(id);
    }

    [Fact]
    public async Task FindCandidates_StoresOneAuditEventWithCountsOnly_AndOneReadPerCandidateShown()
    {
        var shown = await RegisterAsync("59", "Ibragim", "Aouchev", new PartialDate(1990, 11, 3), Sex.Male);
        var flagged = await RegisterAsync("62", "Ibragim", "Aouchev", new PartialDate(1990, 11, 3), Sex.Male);
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);

        using var response = await PostAsync(client, Person("Ibragim", "Aushev", "1990-11-03"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var events = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == user.Id && e.Action == "match.candidates").ToListAsync());
        var e = events.ShouldHaveSingleItem();
        e.ObjectType.ShouldBe(nameof(Person));
        e.Reason.ShouldBe("1 shown, 1 flags");
        e.Outcome.ShouldBe("success");
        var reads = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(x => x.UserId == user.Id && x.Action == "person.listed").Select(x => x.ObjectId).ToListAsync());
        reads.ShouldBe([shown.ToString()]);
        reads.ShouldNotContain(flagged.ToString());
    }

    [Fact]
    public async Task CandidateInAnotherDepartement_IsOnlyItsCode_WithNoneOfTheirContent()
    {
        var id = await RegisterAsync("62", "Roustam", "Doudaev", new PartialDate(1995, 2, 14), Sex.Male, "8 rue Faidherbe, Arras", "Roustik", "Grozny");
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));

        using var response = await PostAsync(client, Person("Rustam", "Dudayev", "1995-02-14"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var json = await response.JsonAsync();
        json.GetProperty("candidates").GetArrayLength().ShouldBe(0, text);
        json.GetProperty("otherTerritories").EnumerateArray().Select(t => t.GetString()).ShouldBe(["62"]);
        text.ShouldNotContain(id.ToString(), Case.Insensitive);
        text.ShouldNotContain(id.ToString("N"), Case.Insensitive);
        foreach (var content in new[] { "Doudaev", "Roustam", "Roustik", "Grozny", "Faidherbe", "Arras", "1995" })
        {
            text.ShouldNotContain(content, Case.Insensitive);
        }
    }

    [Fact]
    public async Task Twin_WithAnotherGivenName_IsNotProposed()
    {
        var id = await RegisterAsync("59", "Amina", "Bakaeva", new PartialDate(2003, 5, 5), Sex.Female, "12 rue des Postes, Lille");
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));

        using var response = await PostAsync(client, Person("Zarema", "Bakaeva", "2003-05-05", "F", "12 rue des Postes, Lille"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        text.ShouldNotContain(id.ToString(), Case.Insensitive);
        text.ShouldNotContain("Amina", Case.Insensitive);
        (await response.JsonAsync()).GetProperty("otherTerritories").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData(Roles.Hotline, AccessScope.NationalValue)] // records reports, may not read the register
    [InlineData(Roles.Partner, "59")]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Analyst, AccessScope.NationalValue)]
    [InlineData(Roles.Dpo, AccessScope.NationalValue)]
    [InlineData(Roles.Admin, AccessScope.NationalValue)]
    public async Task FindCandidates_ByRoleWithoutRegisterSearch_Returns403AndSearchesNothing(string role, string territories)
    {
        await RegisterAsync("59", "Salman", "Tsakaev", new PartialDate(1999, 7, 30), Sex.Male);
        var user = await factory.CreateUserAsync(role, territories);
        using var client = factory.ClientFor(user);

        using var response = await PostAsync(client, Person("Salman", "Tsakaev", "1999-07-30"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Tsakaev", Case.Insensitive);
        (await SearchesByAsync(user.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task FindCandidates_WithoutToken_Returns401()
    {
        using var client = factory.AnonymousClient();

        using var response = await PostAsync(client, Person("Salman", "Tsakaev", "1999-07-30"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task FindCandidates_WithUnknownToken_Returns401()
    {
        using var client = factory.ClientWithToken("psl_" + new string('x', 40));

        using var response = await PostAsync(client, Person("Salman", "Tsakaev", "1999-07-30"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("{\"surname\": \"Martin\", ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"surname\": {\"nested\": true}}")]
    [InlineData("{\"dateOfBirth\": 2001}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task FindCandidates_MalformedJson_ReturnsValidationProblemAndSearchesNothing(string body)
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);

        using var response = await PostRawAsync(client, body);

        await response.ShouldBeValidationProblemAsync("body");
        (await SearchesByAsync(user.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task FindCandidates_WithoutAnyName_ReturnsValidationProblemNamingSurname()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);

        using var response = await PostRawAsync(client, "{\"dateOfBirth\": \"2001\"}");

        await response.ShouldBeValidationProblemAsync("surname");
        (await SearchesByAsync(user.Id)).ShouldBe(0);
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        // case name, field, value: the same cases POST /api/v1/reports refuses
        { "surname of 101 characters", "surname", new string('a', 101) },
        { "given name of 101 characters", "givenName", new string('é', 101) },
        { "aliases of 301 characters", "aliases", new string('a', 301) },
        { "address of 301 characters", "address", new string('a', 301) },
        { "place of birth of 151 characters", "placeOfBirth", new string('a', 151) },
        { "script in a name", "surname", "<script>alert(1)</script>" },
        { "image tag in aliases", "aliases", "<img src=x onerror=alert(1)>" },
        { "javascript URL in the address", "address", "javascript:alert(1)" },
        { "encoded bracket in the place of birth", "placeOfBirth", "&lt;b&gt;Lille" },
        { "SQL in a name", "surname", "Robert'); DROP TABLE persons;--" },
        { "SQL in a given name", "givenName", "x' OR '1'='1" },
        { "SQL in the address", "address", "1 rue X'; DELETE FROM person_match_keys;--" },
        { "control character in a name", "surname", "Mar\u0000tin" },
        { "impossible date", "dateOfBirth", "2001-02-30" },
        { "year in the future", "dateOfBirth", "2999" },
        { "date that is not a date", "dateOfBirth", "abc" },
        { "date with a day but no month", "dateOfBirth", "2001--04" },
        { "year before 1900", "dateOfBirth", "1850" },
        { "unknown sex", "sex", "X" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task FindCandidates_HostileOrOversizedField_ReturnsValidationProblemNamingTheField_AndSearchesAndStoresNothing(string why, string field, string value)
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);
        var person = Person("Jean", "Martin", "1998-04-12", address: "12 rue Nationale, Lille");
        person[field] = value;
        var before = await factory.CountsAsync();
        var keysBefore = await factory.WithDbAsync(db => db.PersonMatchKeys.CountAsync());

        using var response = await PostAsync(client, person);

        var problem = await response.ShouldBeValidationProblemAsync(field);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe([field], why);
        (await SearchesByAsync(user.Id)).ShouldBe(0, why);
        (await factory.CountsAsync()).ShouldBe(before, why);
        (await factory.WithDbAsync(db => db.PersonMatchKeys.CountAsync())).ShouldBe(keysBefore, why);
    }

    [Fact]
    public async Task FindCandidates_BodyOver16KiB_Returns413AndSearchesNothing()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);
        var person = Person("Jean", "Martin", "1998");
        person["padding"] = new string('x', 20 * 1024);

        using var response = await PostAsync(client, person);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await SearchesByAsync(user.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task FindCandidates_WithoutJsonContentType_Returns415()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);

        using var response = await PostRawAsync(client, Person("Jean", "Martin", "1998").ToJsonString(), "text/plain");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await SearchesByAsync(user.Id)).ShouldBe(0);
    }

    [Theory]
    [InlineData("?culture=en-GB", null)]
    [InlineData("?culture=en", null)]
    [InlineData("", "en")]
    [InlineData("", "en-US,en;q=0.9")]
    public async Task FindCandidates_InEnglish_ExplainsFieldErrorsInEnglish(string query, string? acceptLanguage)
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Candidates + query, UriKind.Relative))
        {
            Content = new StringContent(Person("Jean", new string('a', 101), "1998").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);

        var problem = await response.ShouldBeValidationProblemAsync("surname");
        problem.GetProperty("errors").GetProperty("surname")[0].GetString().ShouldBe("100 characters at most.");
    }

    [Fact]
    public async Task FindCandidates_WithoutALanguage_AnswersInFrench()
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        using var content = new StringContent(Person("Jean", new string('a', 101), "1998").ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri(Candidates, UriKind.Relative), content);

        var problem = await response.ShouldBeValidationProblemAsync("surname");
        problem.GetProperty("errors").GetProperty("surname")[0].GetString().ShouldBe("100 caractères au maximum.");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheCandidatesRoute()
    {
        using var client = factory.AnonymousClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var post = document.RootElement.GetProperty("paths").GetProperty(Candidates).GetProperty("post");
        post.GetProperty("operationId").GetString().ShouldBe("FindCandidates");
        post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
        post.GetProperty("responses").TryGetProperty("200", out _).ShouldBeTrue();
        post.GetProperty("responses").TryGetProperty("400", out _).ShouldBeTrue();
    }
}
