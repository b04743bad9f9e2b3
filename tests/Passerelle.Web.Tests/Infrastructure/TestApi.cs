using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Passerelle.Web.Tests.Infrastructure;

/// <summary>Requests and answers of the JSON API as the tests use them.</summary>
internal static class TestApi
{
    public const string Reports = "/api/v1/reports";
    public const string Persons = "/api/v1/persons";

    /// <summary>A complete, valid report body; <paramref name="change"/> edits it (a JSON object, so any field can be removed or broken).</summary>
    public static JsonObject Report(string territory = "59", string surname = "Martin", string givenName = "Lucas", Action<JsonObject>? change = null)
    {
        var report = new JsonObject
        {
            ["source"] = "hotline",
            ["territory"] = territory,
            ["reporterName"] = "Claire Dupont",
            ["reporterContact"] = "claire.dupont@example.org",
            ["person"] = new JsonObject
            {
                ["givenName"] = givenName,
                ["surname"] = surname,
                ["aliases"] = "Lulu",
                ["dateOfBirth"] = "2006-03-14",
                ["placeOfBirth"] = "Lille",
                ["sex"] = "M",
                ["address"] = "12 rue Nationale, Lille",
            },
            ["behaviours"] = new JsonArray("family-rupture", "violent-propaganda"),
            ["narrative"] = "Signalé par le lycée : rupture avec ses amis, partage de vidéos violentes.",
            ["urgency"] = "priority",
        };
        change?.Invoke(report);
        return report;
    }

    public static JsonObject Person(this JsonObject report) => report["person"]!.AsObject();

    public static Task<HttpResponseMessage> PostReportAsync(this HttpClient client, JsonObject body, string? key = null) =>
        client.PostRawReportAsync(body.ToJsonString(), key ?? NewKey());

    public static async Task<HttpResponseMessage> PostRawReportAsync(this HttpClient client, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Reports)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    public static string NewKey() => $"test-{Guid.NewGuid():N}";

    /// <summary>Records a valid report and returns its id (asserting 201).</summary>
    public static async Task<CreatedReport> CreateReportAsync(this HttpClient client, JsonObject body)
    {
        using var response = await client.PostReportAsync(body);
        var json = await response.JsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, json.ToString());
        return new CreatedReport(json.GetProperty("id").GetGuid(), json.GetProperty("receipt").GetString()!);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var json = await response.JsonAsync();
        response.StatusCode.ShouldBe(expected, json.ValueKind == JsonValueKind.Undefined ? null : json.ToString());
        return json;
    }

    /// <summary>Asserts an RFC 9457 problem-details answer with that status and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var json = await response.JsonAsync();
        response.StatusCode.ShouldBe(status, json.ValueKind == JsonValueKind.Undefined ? null : json.ToString());
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("application/problem+json");
        json.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return json;
    }

    /// <summary>Asserts a 400 validation problem whose field-level <c>errors</c> name every one of <paramref name="fields"/>.</summary>
    public static async Task<JsonElement> ShouldBeValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var json = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        json.TryGetProperty("errors", out var errors).ShouldBeTrue(json.ToString());
        var named = errors.EnumerateObject().Select(p => p.Name).ToList();
        foreach (var field in fields)
        {
            named.ShouldContain(field, json.ToString());
            errors.GetProperty(field).EnumerateArray().ShouldNotBeEmpty();
            errors.GetProperty(field)[0].GetString().ShouldNotBeNullOrWhiteSpace();
        }

        return json;
    }

    public static Task<HttpResponseMessage> TransitionAsync(this HttpClient client, Guid caseId, string to, string? reason, int version) =>
        client.PostAsJsonAsync(new Uri($"/api/v1/cases/{caseId}/transitions", UriKind.Relative), new { to, reason, version });
}

internal sealed record CreatedReport(Guid Id, string Receipt);
