using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Features.Panel.Decisions;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>The demo's pending closure (ged59 proposes, chair59 approves): it follows the decision rules and is seeded once.</summary>
public sealed class DecisionsDemoTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task TheDemo_LeavesOneClosureForTheChair_AndRunningItTwiceAddsNothing()
    {
        await factory.AsSystemAsync(async services =>
        {
            var outcome = await UserAccounts.CreateAsync(services, "ged59@demo.passerelle.fr", "Gaëlle Nord", Roles.Ged, "59", PasserelleFactory.Password);
            outcome.Errors.ShouldBeEmpty();
            return true;
        });
        using var ged = factory.ClientFor(await factory.UserAsync(Roles.Ged, "59"));
        var created = await ged.CreateReportAsync(TestApi.Report("59", surname: "Demonstration"));
        var caseId = (await ged.GetJsonAsync($"{TestApi.Reports}/{created.Id}")).GetProperty("caseId").GetGuid();

        await factory.AsSystemAsync(async services =>
        {
            await DecisionsDemo.SeedAsync(services);
            await DecisionsDemo.SeedAsync(services);
            return true;
        });

        var decision = await factory.WithDbAsync(db => db.PanelDecisions.AsNoTracking().SingleAsync());
        decision.CaseId.ShouldBe(caseId);
        decision.Type.ShouldBe(DecisionType.Close);
        decision.Status.ShouldBe(DecisionStatus.PendingApproval);
        var meeting = await factory.WithDbAsync(db => db.PanelMeetings.AsNoTracking().Include(m => m.Attendance).SingleAsync(m => m.Id == decision.MeetingId));
        meeting.Attendance.ShouldContain(a => a.Present && a.Function == PanelFunction.Chair);
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Kind == CaseEventKind.DecisionProposed))).ShouldBe(1);

        using var chair = factory.ClientFor(await factory.UserAsync(Roles.GedChair, "59"));
        (await chair.GetJsonAsync($"/api/v1/cases/{caseId}/decisions"))[0].GetProperty("status").GetString().ShouldBe("PendingApproval");
    }
}
