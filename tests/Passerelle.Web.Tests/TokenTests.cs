using System.Net;
using System.Net.Http.Headers;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>Personal access tokens: the API's only way in; a token acts with its owner's role and territories.</summary>
public sealed class TokenTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Theory]
    [InlineData("GET", TestApi.Persons)]
    [InlineData("GET", "/api/v1/reports/0198a8f4-0000-7000-8000-000000000000")]
    [InlineData("POST", TestApi.Reports)]
    [InlineData("GET", "/api/v1/territories")]
    public async Task ApiRoute_WithoutToken_Returns401(string method, string path)
    {
        using var client = factory.AnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent(TestApi.Report().ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add("Idempotency-Key", TestApi.NewKey());
        }

        using var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("psl_")]
    [InlineData("psl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("psl_' OR 1=1 --")]
    public async Task ApiRoute_WithUnknownToken_Returns401(string token)
    {
        var before = await factory.CountsAsync();
        using var client = factory.ClientWithToken(token);

        using var list = await client.GetAsync(new Uri(TestApi.Persons, UriKind.Relative));
        using var post = await client.PostReportAsync(TestApi.Report());

        list.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        post.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ApiRoute_WithValidTokenSentAsBasic_Returns401()
    {
        var user = await factory.UserAsync(Roles.Ged, "59");
        using var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", user.Token);

        using var response = await client.GetAsync(new Uri(TestApi.Persons, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedToken_Returns401_WhileANewTokenWorks()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        using var client = factory.ClientFor(user);
        using (var before = await client.GetAsync(new Uri(TestApi.Persons, UriKind.Relative)))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var revoked = await factory.AsSystemAsync(async services =>
        {
            var account = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByIdAsync(user.Id);
            return await AccessTokens.RevokeAllAsync(services, account!);
        });
        revoked.ShouldBe(1);

        using var after = await client.GetAsync(new Uri(TestApi.Persons, UriKind.Relative));
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var fresh = await factory.AsSystemAsync(async services =>
        {
            var account = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByIdAsync(user.Id);
            return await AccessTokens.CreateAsync(services, account!, "second");
        });
        using var again = factory.ClientWithToken(fresh);
        using var works = await again.GetAsync(new Uri(TestApi.Persons, UriKind.Relative));
        works.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ValidToken_ActsWithItsOwnersRoleAndTerritory()
    {
        var ged62 = await factory.CreateUserAsync(Roles.Ged, "62");
        using var client = factory.ClientFor(ged62);

        // Territory: 62 is in scope, 59 is not.
        await client.CreateReportAsync(TestApi.Report("62", surname: "Dans"));
        using var outside = await client.PostReportAsync(TestApi.Report("59", surname: "Hors"));
        await outside.ShouldBeValidationProblemAsync("territory");
        var list = await client.GetJsonAsync($"{TestApi.Persons}?pageSize=100");
        list.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("territory").GetString() == "62");
        list.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);

        // Role: a care worker's token authenticates but has no register.
        using var care = factory.ClientFor(await factory.CreateUserAsync(Roles.Care, "62"));
        using var denied = await care.GetAsync(new Uri(TestApi.Persons, UriKind.Relative));
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var territories = await care.GetAsync(new Uri("/api/v1/territories", UriKind.Relative));
        territories.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_OfLockedOutUser_Returns401()
    {
        var user = await factory.CreateUserAsync(Roles.Ged, "59");
        await factory.AsSystemAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var account = await users.FindByIdAsync(user.Id);
            return await users.SetLockoutEndDateAsync(account!, DateTimeOffset.UtcNow.AddDays(1));
        });
        using var client = factory.ClientFor(user);

        using var response = await client.GetAsync(new Uri(TestApi.Persons, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
