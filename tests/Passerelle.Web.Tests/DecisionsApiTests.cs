using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>GET /api/v1/cases/{id}/decisions: the case's decisions its caller's panel recorded; 404 outside scope; audited.</summary>
public sealed class DecisionsApiTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private static string Url(Guid caseId) => $"/api/v1/cases/{caseId}/decisions";

    private async Task<Guid> NewCaseAsync(string territory)
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, territory));
        var created = await client.CreateReportAsync(TestApi.Report(territory, surname: "Decision"));
        return (await client.GetJsonAsync($"{TestApi.Reports}/{created.Id}")).GetProperty("caseId").GetGuid();
    }

    /// <summary>Records a decision about the case as panel <paramref name="panel"/> (effective types are applied to the case).</summary>
    private Task<Guid> DecideAsync(Guid caseId, DecisionType type, string panel, DateTime at, Guid? corrects = null) =>
        factory.WithDbAsync(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
            var (decision, error) = PanelDecision.Propose(
                @case, type, $"Motivation {type}", type == DecisionType.Close ? null : DateOnly.FromDateTime(at).AddMonths(2),
                type == DecisionType.KeepFollowed ? "police" : null, type == DecisionType.Close ? ClosureReason.NotConfirmed : null, null,
                type == DecisionType.Transfer ? "62" : null, panel, null, null, "member", at, corrects);
            error.ShouldBeNull();
            db.PanelDecisions.Add(decision!);
            if (decision!.Status == DecisionStatus.Effective)
            {
                @case.ApplyDecision(decision, "member", at).ShouldBeNull();
            }

            await db.SaveChangesAsync();
            return decision.Id;
        });

    [Fact]
    public async Task ThePanelReadsItsDecisions_NewestFirst_AndTheReadIsAudited()
    {
        var caseId = await NewCaseAsync("59");
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var first = await DecideAsync(caseId, DecisionType.KeepFollowed, "59", now.AddMinutes(-10));
        var second = await DecideAsync(caseId, DecisionType.Close, "59", now.AddMinutes(-5), corrects: first);
        using var client = factory.ClientFor(await factory.UserAsync(Roles.GedChair, "59"));

        var list = await client.GetJsonAsync(Url(caseId));

        list.GetArrayLength().ShouldBe(2);
        list[0].GetProperty("id").GetGuid().ShouldBe(second);
        list[0].GetProperty("type").GetString().ShouldBe("Close");
        list[0].GetProperty("status").GetString().ShouldBe("PendingApproval");
        list[0].GetProperty("closureReason").GetString().ShouldBe("NotConfirmed");
        list[0].GetProperty("correctsId").GetGuid().ShouldBe(first);
        list[0].GetProperty("nextReviewOn").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        list[1].GetProperty("id").GetGuid().ShouldBe(first);
        list[1].GetProperty("status").GetString().ShouldBe("Effective");
        list[1].GetProperty("followingService").GetString().ShouldBe("police");
        list[1].GetProperty("rationale").GetString().ShouldBe("Motivation KeepFollowed");
        list[1].GetProperty("nextReviewOn").GetString().ShouldBe(DateOnly.FromDateTime(now.AddMinutes(-10)).AddMonths(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "decision.listed" && e.ObjectId == caseId.ToString() && e.Outcome == "success"))).ShouldBe(1);
    }

    [Fact]
    public async Task ACaseWithoutDecisions_GivesAnEmptyList()
    {
        var caseId = await NewCaseAsync("59");
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        (await client.GetJsonAsync(Url(caseId))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AnotherDepartementsCase_OrAnUnknownOne_IsNotFound_AndTheMissIsAudited()
    {
        var caseId = await NewCaseAsync("62");
        await DecideAsync(caseId, DecisionType.ReferCare, "62", factory.Clock.GetUtcNow().UtcDateTime);
        using var client = factory.ClientFor(await factory.UserAsync(Roles.GedChair, "59"));

        using var other = await client.GetAsync(new Uri(Url(caseId), UriKind.Relative));
        var body = await other.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        body.ToString().ShouldNotContain("Motivation");
        using var unknown = await client.GetAsync(new Uri(Url(Guid.CreateVersion7()), UriKind.Relative));
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "decision.listed" && e.ObjectId == caseId.ToString() && e.Outcome == "not-found"))).ShouldBe(1);
    }

    [Fact]
    public async Task AnotherPanelsDecisions_AboutTheSameCase_StayWithThatPanel()
    {
        // A case received by transfer: the sending panel's decisions stay with its minutes.
        var caseId = await NewCaseAsync("59");
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var theirs = await DecideAsync(caseId, DecisionType.ReferJudicial, "62", now.AddMinutes(-3));
        var ours = await DecideAsync(caseId, DecisionType.ReferCare, "59", now.AddMinutes(-1));
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));

        var list = await client.GetJsonAsync(Url(caseId));

        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("id").GetGuid().ShouldBe(ours);
        list.ToString().ShouldNotContain(theirs.ToString());
    }

    [Theory]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Assessor, "59")]
    [InlineData(Roles.Analyst, AccessScope.NationalValue)]
    [InlineData(Roles.Hotline, AccessScope.NationalValue)]
    public async Task RolesWithoutTheRegister_AreRefused(string role, string territory)
    {
        var caseId = await NewCaseAsync("59");
        using var client = factory.ClientFor(await factory.UserAsync(role, territory));
        using var response = await client.GetAsync(new Uri(Url(caseId), UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAnonymousCaller_IsRefused()
    {
        var caseId = await NewCaseAsync("59");
        using var client = factory.AnonymousClient();
        using var response = await client.GetAsync(new Uri(Url(caseId), UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("1'%20OR%20'1'%3D'1")]
    public async Task AMalformedId_IsNotFound(string id)
    {
        using var client = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        using var response = await client.GetAsync(new Uri($"/api/v1/cases/{id}/decisions", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
