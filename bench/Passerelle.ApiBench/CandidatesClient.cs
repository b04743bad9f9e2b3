using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Passerelle.ApiBench;

/// <summary>Latencies in milliseconds, with how many answers were not 200 and how often the re-reported person was found.</summary>
internal sealed record Latencies(double[] Milliseconds, int Errors, int Found, int Flagged, int Missed, string? FirstError)
{
    public double At(double quantile)
    {
        var sorted = Milliseconds.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(quantile * sorted.Length) - 1)];
    }

    public string Describe(string what)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{what}: n {Milliseconds.Length}, p50 {At(0.50):0.00} ms, p95 {At(0.95):0.00} ms, p99 {At(0.99):0.00} ms, max {Milliseconds.DefaultIfEmpty().Max():0.00} ms, mean {Milliseconds.DefaultIfEmpty().Average():0.00} ms, errors {Errors}");
        if (Found + Flagged + Missed > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"; re-reported person shown {Found}, flagged by its département {Flagged}, not proposed {Missed}");
        }

        return FirstError is null ? text : text + "\n  first error: " + FirstError;
    }
}

/// <summary>Sends candidate searches one after the other, as one operator's form would, and times each to the end of its body.</summary>
internal sealed class CandidatesClient(Uri baseAddress, string token) : IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    public void Dispose() => client.Dispose();

    public async Task<Latencies> RunAsync(Register register, IEnumerable<Query> queries)
    {
        var times = new List<double>();
        int errors = 0, found = 0, flagged = 0, missed = 0;
        string? firstError = null;
        foreach (var query in queries)
        {
            var body = Body(query);
            var start = Stopwatch.GetTimestamp();
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("api/v1/persons/candidates", UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                errors++;
                firstError ??= $"{(int)response.StatusCode} {text} for {body}";
                continue;
            }

            var target = register.Persons[query.Target];
            using var answer = JsonDocument.Parse(text);
            if (answer.RootElement.GetProperty("candidates").EnumerateArray().Any(c => c.GetProperty("personId").GetGuid() == target.Id))
            {
                found++;
            }
            else if (target.TerritoryCode != Register.UserTerritory
                     && answer.RootElement.GetProperty("otherTerritories").EnumerateArray().Any(t => t.GetString() == target.TerritoryCode))
            {
                flagged++;
            }
            else
            {
                missed++;
            }
        }

        return new Latencies([.. times], errors, found, flagged, missed, firstError);
    }

    /// <summary>
    /// The same client where FindCandidates does not run: an authenticated route that reads nothing (the 101
    /// départements), and this route with a person its validation refuses (400): pipeline, token check, body, validation.
    /// </summary>
    public async Task<(Latencies Get, Latencies Refused)> BaselinesAsync(int count)
    {
        var get = await TimeAsync(count, () => new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/territories", UriKind.Relative)), HttpStatusCode.OK);
        var refused = await TimeAsync(count, () => new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/persons/candidates", UriKind.Relative))
        {
            Content = new StringContent("""{"givenName":"Jean","surname":"<b>Martin</b>","dateOfBirth":"2001"}""", Encoding.UTF8, "application/json"),
        }, HttpStatusCode.BadRequest);
        return (get, refused);
    }

    private async Task<Latencies> TimeAsync(int count, Func<HttpRequestMessage> request, HttpStatusCode expected)
    {
        var times = new List<double>();
        var errors = 0;
        for (var i = 0; i < count; i++)
        {
            using var message = request();
            var start = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(message);
            _ = await response.Content.ReadAsStringAsync();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            errors += response.StatusCode == expected ? 0 : 1;
        }

        return new Latencies([.. times], errors, 0, 0, 0, null);
    }

    private static string Body(Query query) =>
        new JsonObject
        {
            ["givenName"] = query.Record.GivenName,
            ["surname"] = query.Record.Surname,
            ["dateOfBirth"] = Register.DateText(query.Record.DateOfBirth),
            ["address"] = query.Record.Address,
        }.ToJsonString();
}
