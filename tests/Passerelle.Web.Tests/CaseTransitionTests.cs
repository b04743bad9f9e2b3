using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>POST /api/v1/cases/{id}/transitions: optimistic concurrency on the case's version.</summary>
public sealed class CaseTransitionTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static readonly string[] RacingTargets = ["UnderAssessment", "UnderAssessment"];

    private async Task<(HttpClient Client, Guid CaseId)> NewCaseAsync()
    {
        var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        var created = await client.CreateReportAsync(TestApi.Report(surname: "Suivi"));
        var report = await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}");
        return (client, report.GetProperty("caseId").GetGuid());
    }

    private Task<List<CaseEvent>> StatusChangesAsync(Guid caseId) =>
        factory.WithDbAsync(db => db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId && e.Kind == CaseEventKind.StatusChanged).ToListAsync());

    [Fact]
    public async Task Transition_TwiceWithSameVersion_SecondReturns409AndOneEventIsRecorded()
    {
        var (client, caseId) = await NewCaseAsync();
        using var _ = client;
        var version = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());

        using var first = await client.TransitionAsync(caseId, "UnderAssessment", "Évaluation par le cellule", version);
        using var second = await client.TransitionAsync(caseId, "Closed", "Classement", version);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.JsonAsync()).GetProperty("version").GetInt32().ShouldBe(version + 1);
        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var changes = await StatusChangesAsync(caseId);
        changes.Count.ShouldBe(1);
        changes[0].ToStatus.ShouldBe(CaseStatus.UnderAssessment);
        (await factory.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == caseId))).Status.ShouldBe(CaseStatus.UnderAssessment);
    }

    [Fact]
    public async Task Transition_ConcurrentWithSameVersion_OneSucceedsOneGets409()
    {
        var (client, caseId) = await NewCaseAsync();
        using var _ = client;
        var user = await factory.UserAsync(Roles.Ged, "59");

        var statuses = await Task.WhenAll(RacingTargets.Select(async to =>
        {
            using var parallel = factory.ClientFor(user);
            using var response = await parallel.TransitionAsync(caseId, to, "En parallèle", 0);
            return response.StatusCode;
        }));

        statuses.Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        (await StatusChangesAsync(caseId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Transition_WithIfMatchHeaderInsteadOfBodyVersion_UsesIt()
    {
        var (client, caseId) = await NewCaseAsync();
        using var _ = client;
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/transitions")
        {
            Content = JsonContent.Create(new { to = "UnderAssessment", reason = "Ancienne version" }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");

        using var response = await client.SendAsync(stale);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await StatusChangesAsync(caseId)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Archived", "Pas permis depuis Reported", "to")]
    [InlineData("UnderAssessment", "", "reason")]
    [InlineData("Nowhere", "Statut inconnu", "to")]
    [InlineData("3", "Statut numérique", "to")]
    public async Task Transition_Invalid_Returns400NamingTheFieldAndRecordsNothing(string to, string reason, string field)
    {
        var (client, caseId) = await NewCaseAsync();
        using var _ = client;

        using var response = await client.TransitionAsync(caseId, to, reason, 0);

        await response.ShouldBeValidationProblemAsync(field);
        (await StatusChangesAsync(caseId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Transition_OfUnknownCase_Returns404()
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));

        using var response = await client.TransitionAsync(Guid.CreateVersion7(), "UnderAssessment", "?", 0);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
