using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

public sealed class HealthTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoint_WithoutSignIn_Returns200(string path)
    {
        using var client = factory.AnonymousClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApiDocument_WithoutSignIn_Returns200AndDescribesTheReportsRoute()
    {
        using var client = factory.AnonymousClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("\"/api/v1/reports\"");
        text.ShouldContain("\"/api/v1/persons\"");
    }

    [Fact]
    public async Task Factory_ServesTheTestDatabase_NotTheDevelopmentFile()
    {
        var provider = await factory.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));
        provider.ShouldBe(factory.Database.IsPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite");
        var connection = await factory.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()));
        connection.ShouldNotBeNull();
        if (factory.Database.IsPostgres)
        {
            connection.ShouldContain("passerelle_test_");
        }
        else
        {
            connection.ShouldContain("passerelle-tests");
        }
    }
}
