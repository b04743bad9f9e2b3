using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Features.Evaluation;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Evaluation;

/// <summary>The evaluation's demo cohort: about 150 synthetic participants over four sites and 2019–2025, marked as demo, seeded once.</summary>
public sealed class EvaluationDemoTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task SeedAsync_AddsASyntheticCohortMarkedAsDemo_Once()
    {
        await factory.AsSystemAsync(async services =>
        {
            await EvaluationDemo.SeedAsync(services);
            return true;
        });
        var first = await SnapshotAsync();
        await factory.AsSystemAsync(async services =>
        {
            await EvaluationDemo.SeedAsync(services);
            return true;
        });
        var second = await SnapshotAsync();

        second.ShouldBe(first);
        first.Participants.ShouldBeInRange(140, 160);
        first.Sites.ShouldBe("LIL,LYS,MRS,PAR");
        first.Cohorts.ShouldBe("2019,2020,2021,2022,2023,2024,2025");
        first.Terrorism.ShouldBeInRange(1, 8);
        first.Other.ShouldBeGreaterThan(first.Terrorism);
        first.Other.ShouldBeLessThan(first.Participants / 4);
        first.Returned.ShouldBeGreaterThan(0);
        first.MarkedAsDemo.ShouldBe(first.Participants);

        // The analyst's page shows the four sites, their cohorts and a curve each.
        using var analyst = await factory.SignInAsync(Roles.Analyst, AccessScope.NationalValue);
        var page = await analyst.GetAsync("/evaluation");
        page.Status.ShouldBe(HttpStatusCode.OK);
        foreach (var site in new[] { "par", "mrs", "lys", "lil" })
        {
            page.Html.ShouldContain($"<canvas id=\"chart-{site}\"");
        }

        page.Html.ShouldContain("Paris — cohorte 2019");
        page.Html.ShouldContain("Lille — cohorte 2025");
        page.Html.ShouldContain(PageKit.Fr("evaluation.all-sites"));
        page.Html.ShouldNotContain("Participant 0", Case.Insensitive);
    }

    private sealed record Snapshot(int Participants, string Sites, string Cohorts, int Terrorism, int Other, int Returned, int MarkedAsDemo);

    private Task<Snapshot> SnapshotAsync() => factory.WithDbAsync(async db =>
    {
        var participants = await db.ProgrammeParticipants.ToListAsync();
        var events = await db.ParticipantEvents.ToListAsync();
        return new Snapshot(
            participants.Count,
            string.Join(',', participants.Select(p => p.SiteCode).Distinct().Order(StringComparer.Ordinal)),
            string.Join(',', participants.Select(p => p.CohortYear!.Value).Distinct().Order()),
            events.Count(e => e.Category == OffenceCategory.TerrorismRelated),
            events.Count(e => e.Category == OffenceCategory.Other),
            events.Count(e => e.Kind == ParticipantEventKind.ReturnToPrison),
            participants.Count(p => p.ReferringService == EvaluationDemo.ReferringService && p.GivenName == "Démo" && p.FollowUpEndsOn != null));
    });
}
