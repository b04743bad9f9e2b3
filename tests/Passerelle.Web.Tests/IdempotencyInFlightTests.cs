using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Data;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>
/// POST /api/v1/reports while a request with the same Idempotency-Key is in flight (issue 4, "never lose
/// a report"): 409 with Retry-After, never a second report; a claim left by a process that died is taken
/// over once its lease has passed. The claim is planted as the first request would leave it.
/// </summary>
public sealed class IdempotencyInFlightTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static string Hash(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    private async Task PlantClaimAsync(TestUser user, string key, string body) =>
        await factory.WithDbAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                UserId = user.Id,
                Key = key,
                RequestHash = Hash(body),
                StatusCode = IdempotencyRecord.InFlight,
                ContentType = string.Empty,
                ResponseBody = string.Empty,
                CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task SameKeyWhileInFlight_Returns409WithRetryAfter_ThenTakesOverAfterTheLease_AndStoresOneReport()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);
        var key = TestApi.NewKey();
        var body = TestApi.Report(surname: "Enverol").ToJsonString();
        await PlantClaimAsync(user, key, body);
        var before = await factory.CountsAsync();

        using var during = await client.PostRawReportAsync(body, key);

        await during.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        int.Parse(during.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 30);
        (await factory.CountsAsync()).ShouldBe(before);

        factory.Clock.Advance(IdempotencyRecord.Lease + TimeSpan.FromSeconds(1));
        using var after = await client.PostRawReportAsync(body, key);
        using var replay = await client.PostRawReportAsync(body, key);

        after.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await replay.JsonAsync()).GetProperty("receipt").GetString().ShouldBe((await after.JsonAsync()).GetProperty("receipt").GetString());
        (await factory.CountsAsync()).Reports.ShouldBe(before.Reports + 1);
        var stored = await factory.WithDbAsync(db => db.IdempotencyRecords.SingleAsync(r => r.UserId == user.Id && r.Key == key));
        stored.StatusCode.ShouldBe(StatusCodes.Status201Created);
    }

    [Fact]
    public async Task OtherBodyWhileInFlight_Returns422()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);
        var key = TestApi.NewKey();
        await PlantClaimAsync(user, key, TestApi.Report(surname: "Premier").ToJsonString());
        var before = await factory.CountsAsync();

        using var other = await client.PostRawReportAsync(TestApi.Report(surname: "Autre").ToJsonString(), key);

        await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task InvalidBody_LeavesNoClaimBehind()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);
        var key = TestApi.NewKey();

        using var invalid = await client.PostRawReportAsync(TestApi.Report(surname: "<script>x</script>").ToJsonString(), key);
        using var valid = await client.PostRawReportAsync(TestApi.Report(surname: "Valide").ToJsonString(), key);

        ((int)invalid.StatusCode).ShouldBeInRange(400, 422);
        valid.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneKey_StoreOneReport_AndEveryAnswerIsTheReceiptOr409()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        var key = TestApi.NewKey();
        var body = TestApi.Report(surname: "Concurrent").ToJsonString();
        var before = await factory.CountsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = factory.ClientFor(user);
            using var response = await client.PostRawReportAsync(body, key);
            return (response.StatusCode, Receipt: response.StatusCode == HttpStatusCode.Created ? (await response.JsonAsync()).GetProperty("receipt").GetString() : null);
        }));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        responses.Where(r => r.Receipt != null).Select(r => r.Receipt).Distinct().Count().ShouldBe(1);
        (await factory.CountsAsync()).Reports.ShouldBe(before.Reports + 1);
    }
}
