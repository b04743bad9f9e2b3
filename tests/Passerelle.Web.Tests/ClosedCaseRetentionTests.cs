using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Cases;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using Passerelle.Web.Tests.Pages;
using static Passerelle.Web.Tests.Infrastructure.PageKit;

namespace Passerelle.Web.Tests;

/// <summary>
/// Red line 5 for the register: a case closed by an approved decision is deleted with every record of it once
/// its retention deadline has passed, and its person when no other case remains (unless a merge points to
/// them); agenda items stay in the minutes without the case; a reopened case is no longer due; the purge
/// report and the audit event are written; nothing else is touched.
/// </summary>
public sealed class ClosedCaseRetentionTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A followed case with an assessment, a campaign, a refused transfer, an agenda item and a follow-up, then closed by an approved decision.</summary>
    private async Task<(PanelCaseData.Registered Person, Guid AgendaItemId, Guid FollowUpId, Guid TransferId)> FullCaseAsync(string given, string surname)
    {
        var person = await PanelCaseData.RegisterAsync(factory, "59", given, surname);
        await PanelCaseData.DecideAsync(factory, person.CaseId, DecisionType.KeepFollowed, "Suivi par la police.");
        await PanelCaseData.AssessAndCampaignAsync(factory, person.CaseId);
        var transferId = await PanelCaseData.RequestTransferAsync(factory, person.CaseId, "62");
        var (itemId, followUpId) = await factory.WithDbAsync(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.Id == person.CaseId);
            var transfer = await db.CaseTransfers.SingleAsync(t => t.Id == transferId);
            @case.RefuseTransfer(transfer, "Personne toujours domiciliée dans le Nord.", "ged-62", Now).ShouldBeNull();
            db.CaseEvents.AddRange(@case.Events);
            var member = new PanelMember { TerritoryCode = "59", Name = "Membre test", Service = "police" };
            var meeting = new PanelMeeting { TerritoryCode = "59", ScheduledAt = Now, CreatedById = PanelCaseData.Chair, CreatedAt = Now };
            var item = new AgendaItem { MeetingId = meeting.Id, TerritoryCode = "59", Position = 1, Kind = AgendaItemKind.ReviewDue, CaseId = person.CaseId, Note = "Point sur la situation familiale", AddedById = PanelCaseData.Member };
            meeting.Agenda.Add(item);
            var followUp = new MeetingFollowUp { MeetingId = meeting.Id, TerritoryCode = "59", CaseId = person.CaseId, Action = "Appeler l'établissement", OwnerMemberId = member.Id, DueOn = DateOnly.FromDateTime(Now).AddDays(7) };
            db.PanelMembers.Add(member);
            db.PanelMeetings.Add(meeting);
            db.MeetingFollowUps.Add(followUp);
            await db.SaveChangesAsync();
            return (item.Id, followUp.Id);
        });
        await CloseAsync(person.CaseId, due: true);
        return (person, itemId, followUpId, transferId);
    }

    /// <summary>Closes the case by an approved decision; the deadline is set past (due) or ahead, as the approval sets it.</summary>
    private async Task CloseAsync(Guid caseId, bool due)
    {
        await PanelCaseData.DecideAsync(factory, caseId, DecisionType.Close, "Inquiétude levée après évaluation.", closure: ClosureReason.RiskEnded);
        await factory.WithDbAsync(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
            @case.Status.ShouldBe(CaseStatus.Closed);
            @case.RetainUntil = due ? Now.AddMinutes(-1) : Now + TimeSpan.FromDays(1826);
            await db.SaveChangesAsync();
        });
    }

    private Task<IReadOnlyList<RetentionJob.RuleResult>> RunJobAsync() =>
        factory.AsSystemAsync(services => services.GetRequiredService<RetentionJob>().RunAsync("test", CancellationToken.None));

    [Fact]
    public async Task TheJob_DeletesADueClosedCaseWithEveryRecord_AndItsPerson_AndNothingElse()
    {
        var (due, itemId, followUpId, transferId) = await FullCaseAsync("Quentin", "Purge");
        var notYet = await PanelCaseData.RegisterAsync(factory, "59", "Romain", "Pasencore");
        await CloseAsync(notYet.CaseId, due: false);
        var open = await PanelCaseData.RegisterAsync(factory, "59", "Simon", "Ouvert");
        var assessmentIds = await factory.WithDbAsync(db => db.Assessments.Where(a => a.CaseId == due.CaseId).Select(a => a.Id).ToListAsync());
        var otherCounts = await factory.WithDbAsync(async db => new[]
        {
            await db.CaseEvents.CountAsync(e => e.CaseId == notYet.CaseId || e.CaseId == open.CaseId),
            await db.Reports.CountAsync(r => r.Id == notYet.ReportId || r.Id == open.ReportId),
            await db.DutyAlerts.CountAsync(a => a.ReportId == notYet.ReportId || a.ReportId == open.ReportId),
        });

        var results = await RunJobAsync();

        results.Single(r => r.Rule == RetentionJob.ClosedCases).Deleted.ShouldBe(1);
        await factory.WithDbAsync(async db =>
        {
            (await db.Cases.AnyAsync(c => c.Id == due.CaseId)).ShouldBeFalse();
            (await db.Persons.AnyAsync(p => p.Id == due.PersonId)).ShouldBeFalse();
            (await db.PersonMatchKeys.AnyAsync(k => k.PersonId == due.PersonId)).ShouldBeFalse();
            (await db.CaseEvents.AnyAsync(e => e.CaseId == due.CaseId)).ShouldBeFalse();
            (await db.Reports.AnyAsync(r => r.Id == due.ReportId)).ShouldBeFalse();
            (await db.DutyAlerts.AnyAsync(a => a.ReportId == due.ReportId)).ShouldBeFalse();
            (await db.Assessments.AnyAsync(a => a.CaseId == due.CaseId)).ShouldBeFalse();
            (await db.AssessmentRatings.AnyAsync(r => assessmentIds.Contains(r.AssessmentId))).ShouldBeFalse();
            (await db.CampaignCases.AnyAsync(c => c.CaseId == due.CaseId)).ShouldBeFalse();
            (await db.CaseTransfers.AnyAsync(t => t.Id == transferId)).ShouldBeFalse();
            (await db.PanelDecisions.AnyAsync(d => d.CaseId == due.CaseId)).ShouldBeFalse();
            (await db.MeetingFollowUps.AnyAsync(f => f.Id == followUpId)).ShouldBeFalse();
            var item = await db.AgendaItems.SingleAsync(a => a.Id == itemId);
            item.CaseId.ShouldBeNull();
            item.Note.ShouldBe(RetentionJob.PurgedNote);

            (await db.Cases.AnyAsync(c => c.Id == notYet.CaseId)).ShouldBeTrue();
            (await db.Persons.AnyAsync(p => p.Id == notYet.PersonId)).ShouldBeTrue();
            (await db.Cases.AnyAsync(c => c.Id == open.CaseId)).ShouldBeTrue();
            (await db.CaseEvents.CountAsync(e => e.CaseId == notYet.CaseId || e.CaseId == open.CaseId)).ShouldBe(otherCounts[0]);
            (await db.Reports.CountAsync(r => r.Id == notYet.ReportId || r.Id == open.ReportId)).ShouldBe(otherCounts[1]);
            (await db.DutyAlerts.CountAsync(a => a.ReportId == notYet.ReportId || a.ReportId == open.ReportId)).ShouldBe(otherCounts[2]);

            var run = await db.RetentionRuns.AsNoTracking().Where(r => r.Rule == RetentionJob.ClosedCases).OrderByDescending(r => r.RanAt).FirstAsync();
            run.DeletedIds.ShouldBe(due.CaseId.ToString());
            run.RunBy.ShouldBe("test");
            var persons = await db.RetentionRuns.AsNoTracking().Where(r => r.Rule == RetentionJob.ClosedCasePersons).OrderByDescending(r => r.RanAt).FirstAsync();
            persons.DeletedIds.ShouldBe(due.PersonId.ToString());
            (await db.AuditEvents.AnyAsync(e => e.Action == "retention.purged" && e.ObjectType == RetentionJob.ClosedCases)).ShouldBeTrue();
        });

        (await RunJobAsync()).Single(r => r.Rule == RetentionJob.ClosedCases).Deleted.ShouldBe(0);
    }

    [Fact]
    public async Task APersonWithAnotherCase_IsKept_AndSoIsAMergedPerson()
    {
        var twoCases = await PanelCaseData.RegisterAsync(factory, "59", "Theo", "Deuxdossiers");
        await CloseAsync(twoCases.CaseId, due: true);
        var second = await factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", null, null, "Theo", "Deuxdossiers", null, new PartialDate(1998, 5, 17), "Lille", Sex.Male,
                    null, ["family-rupture"], "Nouveau signalement après clôture.", Urgency.Routine, twoCases.PersonId),
                CancellationToken.None);
            error.ShouldBeNull();
            return recorded!;
        });
        second.CaseId.ShouldNotBe(twoCases.CaseId);

        var merged = await PanelCaseData.RegisterAsync(factory, "59", "Ulysse", "Fusionne");
        var survivor = await PanelCaseData.RegisterAsync(factory, "59", "Ulysse", "Survivant");
        await CloseAsync(merged.CaseId, due: true);
        await factory.WithDbAsync(async db =>
        {
            db.PersonMerges.Add(new PersonMerge { TerritoryCode = "59", MergedTerritoryCode = "59", SurvivorId = survivor.PersonId, MergedId = merged.PersonId, Reason = "Doublon", MergedAt = Now, MergedById = "steward" });
            await db.SaveChangesAsync();
        });

        await RunJobAsync();

        await factory.WithDbAsync(async db =>
        {
            (await db.Cases.AnyAsync(c => c.Id == twoCases.CaseId)).ShouldBeFalse();
            (await db.Persons.AnyAsync(p => p.Id == twoCases.PersonId)).ShouldBeTrue();
            (await db.Cases.AnyAsync(c => c.Id == second.CaseId)).ShouldBeTrue();
            (await db.Reports.AnyAsync(r => r.Id == second.ReportId)).ShouldBeTrue();
            (await db.Reports.AnyAsync(r => r.Id == twoCases.ReportId)).ShouldBeFalse();

            (await db.Cases.AnyAsync(c => c.Id == merged.CaseId)).ShouldBeFalse();
            (await db.Persons.AnyAsync(p => p.Id == merged.PersonId)).ShouldBeTrue();
            (await db.AuditEvents.AnyAsync(e => e.Action == "retention.purged" && e.Reason!.Contains("1 person(s) kept (merge history)"))).ShouldBeTrue();
        });
    }

    [Fact]
    public async Task AReopenedCase_IsNoLongerDue()
    {
        var person = await PanelCaseData.RegisterAsync(factory, "59", "Victor", "Rouvert");
        await CloseAsync(person.CaseId, due: true);
        var reopened = await factory.AsSystemAsync(async services =>
        {
            var version = await services.GetRequiredService<PasserelleDb>().Cases.Where(c => c.Id == person.CaseId).Select(c => c.Version).SingleAsync();
            return await services.GetRequiredService<TransitionCase>().ExecuteAsync(person.CaseId, CaseStatus.UnderAssessment, "Nouveau signalement : réexamen.", version, CancellationToken.None);
        });
        reopened.Outcome.ShouldBe(TransitionCase.Outcome.Done);

        await RunJobAsync();

        var kept = await factory.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == person.CaseId));
        kept.RetainUntil.ShouldBeNull();
        kept.Status.ShouldBe(CaseStatus.UnderAssessment);
    }

    [Fact]
    public async Task TheOfficerSeesTheRule_AndAPanelMemberCannotRunIt()
    {
        var person = await PanelCaseData.RegisterAsync(factory, "59", "William", "Echeance");
        await CloseAsync(person.CaseId, due: false);
        using var dpo = await factory.SignInAsync(Roles.Dpo, "national");

        var page = await dpo.GetAsync("/retention");

        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        page.Html.ShouldContain(Fr("retention.rule.closed-cases"));
        page.Html.ShouldNotContain("Echeance", Shouldly.Case.Insensitive);

        using var ged = await factory.SignInAsync(Roles.Ged, "59");
        var denied = await ged.GetAsync("/retention");
        (denied.Status == HttpStatusCode.Forbidden || (denied.Redirects && denied.Location!.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase))).ShouldBeTrue();
        (await factory.WithDbAsync(db => db.Cases.AnyAsync(c => c.Id == person.CaseId))).ShouldBeTrue();
    }
}
