using Microsoft.Extensions.DependencyInjection;
using Passerelle.Web.Features.Triage;
using System.Net;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>The hotline records reports for any département, reads back its own for 30 days, and never reads the register.</summary>
public sealed class HotlineTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task OwnReport_ReadByHotline_IsVisibleFor30DaysThenGone()
    {
        var hotline = await factory.CreateUserAsync(Roles.Hotline, AccessScope.NationalValue);
        var colleague = await factory.CreateUserAsync(Roles.Hotline, AccessScope.NationalValue);
        using var client = factory.ClientFor(hotline);
        using var other = factory.ClientFor(colleague);

        var created = await client.CreateReportAsync(TestApi.Report("62", surname: "Appel"));

        var report = await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        report.GetProperty("receipt").GetString().ShouldBe(created.Receipt);
        using (var notTheirs = await other.GetAsync(new Uri($"{TestApi.Reports}/{created.Id}", UriKind.Relative)))
        {
            await notTheirs.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        factory.Clock.Advance(TimeSpan.FromDays(29));
        (await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}")).GetProperty("id").GetGuid().ShouldBe(created.Id);

        factory.Clock.Advance(TimeSpan.FromDays(2));
        using var expired = await client.GetAsync(new Uri($"{TestApi.Reports}/{created.Id}", UriKind.Relative));
        await expired.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await expired.Content.ReadAsStringAsync()).ShouldNotContain("Appel");
    }

    [Fact]
    public async Task PersonOfOwnReport_ReadByHotline_Returns403_AndTheReportShowsOnlyItsStatus()
    {
        var hotline = await factory.CreateUserAsync(Roles.Hotline, AccessScope.NationalValue);
        using var client = factory.ClientFor(hotline);
        var created = await client.CreateReportAsync(TestApi.Report("59", surname: "Personne"));
        var waiting = await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        waiting.GetProperty("status").GetString().ShouldBe("received");
        var personId = await factory.AsSystemAsync(async services =>
        {
            var result = await services.GetRequiredService<TriageReport>().TakeInChargeAsync(created.Id, null, 0, CancellationToken.None);
            result.Outcome.ShouldBe(TriageReport.Outcome.Done);
            return result.PersonId!.Value;
        });
        var report = await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        report.GetProperty("status").GetString().ShouldBe("taken-in-charge");
        report.TryGetProperty("personId", out _).ShouldBeFalse();
        report.TryGetProperty("caseId", out _).ShouldBeFalse();

        using var person = await client.GetAsync(new Uri($"{TestApi.Persons}/{personId}", UriKind.Relative));
        person.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var search = await client.GetAsync(new Uri($"{TestApi.Persons}?query=personne", UriKind.Relative));
        search.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
