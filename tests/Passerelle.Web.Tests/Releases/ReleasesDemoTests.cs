using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Features.Programme.Releases;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Releases;

/// <summary>The demo's releases: a dozen over 24 months at Lille and Paris, some prepared, one alert within 3 months; seeded once.</summary>
public sealed class ReleasesDemoTests
{
    [Fact]
    public async Task The_demo_seeds_a_dozen_releases_with_an_alert_within_three_months_once()
    {
        await using var app = await PasserelleFactory.StartAsync();

        await app.AsSystemAsync(async services =>
        {
            await ReleasesDemo.SeedAsync(services);
            await ReleasesDemo.SeedAsync(services);
            return true;
        });

        var releases = await app.WithDbAsync(db => db.PrisonReleases.AsNoTracking().ToListAsync());
        releases.Count.ShouldBe(12);
        var today = app.Today();
        releases.ShouldAllBe(r => r.ReleaseOn > today && r.ReleaseOn <= today.AddMonths(24));
        releases.Select(r => ProgrammeSiteDataSite(r.TerritoryCode)).Distinct().ShouldBe(["LIL", "PAR"], ignoreOrder: true);
        releases.Count(r => r.TakeoverPrepared).ShouldBeGreaterThanOrEqualTo(4);
        releases.ShouldContain(r => !r.TakeoverPrepared && r.ReleaseOn <= today.AddMonths(3) && r.ThreeMonthAlertAt != null && r.IsAlerting());
        (await app.AlertMailsAsync()).Count.ShouldBe(2);
    }

    private static string ProgrammeSiteDataSite(string territory) => Passerelle.Web.Data.ProgrammeSiteData.ForTerritory(territory).Code;
}
