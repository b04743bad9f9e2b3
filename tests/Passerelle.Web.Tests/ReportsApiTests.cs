using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>POST /api/v1/reports: idempotency, validation, hostile input; nothing is stored on any error.</summary>
public sealed class ReportsApiTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private async Task<HttpClient> Ged59Async() => factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));

    [Fact]
    public async Task CreateReport_Valid_Returns201WithIdAndReceipt()
    {
        using var client = await Ged59Async();
        var before = await factory.CountsAsync();

        using var response = await client.PostReportAsync(TestApi.Report());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var json = await response.JsonAsync();
        var id = json.GetProperty("id").GetGuid();
        json.GetProperty("receipt").GetString()!.ShouldMatch(@"^SIG-\d{4}-[A-Z2-9]{8}$");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/reports/{id}");
        var after = await factory.CountsAsync();
        after.Reports.ShouldBe(before.Reports + 1);
        after.Persons.ShouldBe(before.Persons + 1);
        (await factory.WithDbAsync(db => db.Reports.AnyAsync(r => r.Id == id))).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateReport_ReplayedWithSameKeyAndBody_ReturnsSameAnswerAndStoresOneReport()
    {
        using var client = await Ged59Async();
        var key = TestApi.NewKey();
        var body = TestApi.Report(surname: "Replay");
        var before = await factory.CountsAsync();

        using var first = await client.PostReportAsync(body, key);
        using var second = await client.PostReportAsync(body, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        var firstJson = await first.JsonAsync();
        var secondJson = await second.JsonAsync();
        secondJson.GetProperty("id").GetGuid().ShouldBe(firstJson.GetProperty("id").GetGuid());
        secondJson.GetProperty("receipt").GetString().ShouldBe(firstJson.GetProperty("receipt").GetString());
        second.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var after = await factory.CountsAsync();
        after.Reports.ShouldBe(before.Reports + 1);
        after.Persons.ShouldBe(before.Persons + 1);
    }

    [Fact]
    public async Task CreateReport_SameKeyWithDifferentBody_Returns422AndStoresNothingMore()
    {
        using var client = await Ged59Async();
        var key = TestApi.NewKey();
        using var first = await client.PostReportAsync(TestApi.Report(surname: "Premier"), key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await factory.CountsAsync();

        using var second = await client.PostReportAsync(TestApi.Report(surname: "Second"), key);

        await second.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateReport_WithoutIdempotencyKey_Returns400AndStoresNothing()
    {
        using var client = await Ged59Async();
        var before = await factory.CountsAsync();

        using var response = await client.PostRawReportAsync(TestApi.Report().ToJsonString(), key: null);

        var problem = await response.ShouldBeValidationProblemAsync("Idempotency-Key");
        problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString()!.ShouldContain("Idempotency-Key");
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("{\"source\": \"hotline\", ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"person\": \"a string where an object belongs\"}")]
    [InlineData("")]
    public async Task CreateReport_MalformedJson_Returns400ProblemAndStoresNothing(string body)
    {
        using var client = await Ged59Async();
        var before = await factory.CountsAsync();

        using var response = await client.PostRawReportAsync(body, TestApi.NewKey());

        await response.ShouldBeValidationProblemAsync("body");
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateReport_EmptyObject_Returns400NamingEveryMissingField()
    {
        using var client = await Ged59Async();
        var before = await factory.CountsAsync();

        using var response = await client.PostRawReportAsync("{}", TestApi.NewKey());

        await response.ShouldBeValidationProblemAsync("source", "territory", "person.surname", "narrative");
        (await factory.CountsAsync()).ShouldBe(before);
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        // case name, JSON path to set ("person.x" or "x"), value
        { "surname of 101 characters", "person.surname", new string('a', 101) },
        { "given name of 101 characters", "person.givenName", new string('é', 101) },
        { "narrative of 10001 characters", "narrative", new string('n', 10_001) },
        { "script in a name", "person.surname", "<script>alert(1)</script>" },
        { "script in the narrative", "narrative", "Vu hier <script>alert(1)</script> devant le lycée." },
        { "image tag in aliases", "person.aliases", "<img src=x onerror=alert(1)>" },
        { "SQL in a name", "person.surname", "Robert'); DROP TABLE persons;--" },
        { "SQL in a given name", "person.givenName", "x' OR '1'='1" },
        { "control character in a name", "person.surname", "Mar\u0000tin" },
        { "impossible date", "person.dateOfBirth", "2001-02-30" },
        { "year in the future", "person.dateOfBirth", "2999" },
        { "date that is not a date", "person.dateOfBirth", "abc" },
        { "date with a day but no month", "person.dateOfBirth", "2001--04" },
        { "year before 1900", "person.dateOfBirth", "1850" },
        { "unknown sex", "person.sex", "X" },
        { "unknown source", "source", "pigeon" },
        { "unknown urgency", "urgency", "whenever" },
        { "unknown territory", "territory", "99x" },
        { "territory outside the user's scope", "territory", "62" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task CreateReport_InvalidField_Returns400NamingTheFieldAndStoresNothing(string why, string field, string value)
    {
        using var client = await Ged59Async();
        var before = await factory.CountsAsync();
        var body = TestApi.Report(change: r => Set(r, field, value));

        using var response = await client.PostReportAsync(body);

        await response.ShouldBeValidationProblemAsync(field);
        (await factory.CountsAsync()).ShouldBe(before, why);
        (await factory.WithDbAsync(db => db.Persons.CountAsync(p => p.Surname.Contains("DROP") || p.Surname.Contains("script")))).ShouldBe(0);
    }

    [Fact]
    public async Task CreateReport_UnknownBehaviour_Returns400NamingBehaviours()
    {
        using var client = await Ged59Async();
        var before = await factory.CountsAsync();

        using var response = await client.PostReportAsync(TestApi.Report(change: r => r["behaviours"] = new JsonArray("religion")));

        await response.ShouldBeValidationProblemAsync("behaviours");
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("2001", 2001, null, null)]
    [InlineData("2001-05", 2001, 5, null)]
    [InlineData("2000-02-29", 2000, 2, 29)]
    public async Task CreateReport_PartialDateOfBirth_IsStoredWithoutInventedParts(string dateOfBirth, int year, int? month, int? day)
    {
        using var client = await Ged59Async();

        var created = await client.CreateReportAsync(TestApi.Report(surname: "Partielle", change: r => r.Person()["dateOfBirth"] = dateOfBirth));

        var report = await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        report.GetProperty("person").GetProperty("dateOfBirth").GetString().ShouldBe(dateOfBirth);
        var stored = await factory.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == created.Id));
        stored.ReportedBirthYear.ShouldBe(year);
        stored.ReportedBirthMonth.ShouldBe(month);
        stored.ReportedBirthDay.ShouldBe(day);
    }

    [Fact]
    public async Task CreateReport_NamesWithAccentsApostrophesAndHyphens_AreAcceptedVerbatim()
    {
        using var client = await Ged59Async();

        var created = await client.CreateReportAsync(TestApi.Report(surname: "N'Diaye-Lefèvre", givenName: "Zoë Ångström"));

        var report = await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        report.GetProperty("person").GetProperty("surname").GetString().ShouldBe("N'Diaye-Lefèvre");
        report.GetProperty("person").GetProperty("givenName").GetString().ShouldBe("Zoë Ångström");
    }

    [Fact]
    public async Task CreateReport_ConcurrentDuplicatesWithSameKey_StoreExactlyOneReport()
    {
        var user = await factory.UserAsync(Roles.Ged, "59");
        var key = TestApi.NewKey();
        var body = TestApi.Report(surname: "Concurrent");
        var before = await factory.CountsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = factory.ClientFor(user);
            using var response = await client.PostReportAsync(body, key);
            return (response.StatusCode, Json: await response.JsonAsync());
        }));

        // Each answer is the one receipt, or 409 while the first request is still in flight (retry later).
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Json.GetProperty("id").GetGuid()).Distinct().Count().ShouldBe(1);
        var after = await factory.CountsAsync();
        after.Reports.ShouldBe(before.Reports + 1);
        after.Persons.ShouldBe(before.Persons + 1);
        after.Cases.ShouldBe(before.Cases + 1);
        after.IdempotencyRecords.ShouldBe(before.IdempotencyRecords + 1);
    }

    [Fact]
    public async Task CreateReport_ByRoleWithoutReportCreation_Returns403AndStoresNothing()
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Care, "59"));
        var before = await factory.CountsAsync();

        using var response = await client.PostReportAsync(TestApi.Report());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateReport_WithoutJsonContentType_Returns415AndStoresNothing()
    {
        using var client = await Ged59Async();
        var before = await factory.CountsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, TestApi.Reports)
        {
            Content = new StringContent(TestApi.Report().ToJsonString(), System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Idempotency-Key", TestApi.NewKey());

        using var response = await client.SendAsync(request);

        // Routing refuses it from the endpoint's Accepts metadata, before the handler; the status-code pages give it a problem body.
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateReport_BodyOver256KiB_Returns413AndStoresNothing()
    {
        using var client = await Ged59Async();
        var before = await factory.CountsAsync();

        using var response = await client.PostReportAsync(TestApi.Report(change: r => r["narrative"] = new string('n', 300 * 1024)));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task CreateReport_AttachedToExistingPerson_AddsAReportButNoPerson()
    {
        using var client = await Ged59Async();
        var first = await client.CreateReportAsync(TestApi.Report(surname: "Existant"));
        var personId = (await client.GetJsonAsync($"{TestApi.Reports}/{first.Id}")).GetProperty("personId").GetGuid();
        var before = await factory.CountsAsync();

        var second = await client.CreateReportAsync(TestApi.Report(surname: "Existant", change: r => r["personId"] = personId.ToString()));

        (await client.GetJsonAsync($"{TestApi.Reports}/{second.Id}")).GetProperty("personId").GetGuid().ShouldBe(personId);
        var after = await factory.CountsAsync();
        after.Reports.ShouldBe(before.Reports + 1);
        after.Persons.ShouldBe(before.Persons);
        after.Cases.ShouldBe(before.Cases);
    }

    [Fact]
    public async Task CreateReport_AttachedToPersonOfAnotherTerritory_Returns400AndStoresNothing()
    {
        using var ged59 = await Ged59Async();
        var first = await ged59.CreateReportAsync(TestApi.Report(surname: "Protege"));
        var personId = (await ged59.GetJsonAsync($"{TestApi.Reports}/{first.Id}")).GetProperty("personId").GetGuid();
        using var ged62 = factory.ClientFor(await factory.UserAsync(Roles.Ged, "62"));
        var before = await factory.CountsAsync();

        using var response = await ged62.PostReportAsync(TestApi.Report("62", change: r => r["personId"] = personId.ToString()));

        await response.ShouldBeValidationProblemAsync("personId");
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("query", "?query=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("dateOfBirth", "?dateOfBirth=2001-02-30")]
    [InlineData("status", "?status=Bogus")]
    [InlineData("status", "?status=3")]
    [InlineData("page", "?pageSize=1000")]
    [InlineData("page", "?page=0")]
    public async Task SearchPersons_WithInvalidCriteria_Returns400NamingTheField(string field, string queryString)
    {
        using var client = await Ged59Async();

        using var response = await client.GetAsync(new Uri(TestApi.Persons + queryString, UriKind.Relative));

        await response.ShouldBeValidationProblemAsync(field);
    }

    private static void Set(JsonObject report, string path, string value)
    {
        var parts = path.Split('.');
        var target = parts.Length == 2 ? report[parts[0]]!.AsObject() : report;
        target[parts[^1]] = value;
    }
}
