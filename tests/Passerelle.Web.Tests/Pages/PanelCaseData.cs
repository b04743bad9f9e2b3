using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Panel data for the transfer, case-page and closed-case retention tests, made through the domain as the
/// pages would: a report recorded through <see cref="RecordReport"/>, decisions proposed, approved by a chair
/// and applied to the case, a transfer as the decisions' approval creates it, an assessment and a campaign.
/// </summary>
internal static class PanelCaseData
{
    public const string Member = "member-test";
    public const string Chair = "chair-test";

    public sealed record Registered(Guid PersonId, Guid CaseId, Guid ReportId);

    /// <summary>A person and their case in <paramref name="territory"/>, from a panel report (imminent: with a duty alert).</summary>
    public static Task<Registered> RegisterAsync(PasserelleFactory factory, string territory, string given, string surname, Urgency urgency = Urgency.Imminent) =>
        factory.AsSystemAsync(async services =>
        {
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, given, surname, null, new PartialDate(1998, 5, 17), "Lille", Sex.Male,
                    "3 rue des Tests, 59000 Lille", ["family-rupture"], "Signalement de test pour le GED.", urgency, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return new Registered(recorded!.PersonId, recorded.CaseId, recorded.ReportId);
        });

    /// <summary>Proposes a decision on the case, approves it by a chair when it needs it, and applies it (as the decisions pages do).</summary>
    public static Task<PanelDecision> DecideAsync(PasserelleFactory factory, Guid caseId, DecisionType type, string rationale,
        string? transferTo = null, ClosureReason? closure = null) =>
        factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
            var (decision, error) = PanelDecision.Propose(@case, type, rationale, PanelDecision.DefaultNextReview(type, DateOnly.FromDateTime(now)),
                type == DecisionType.KeepFollowed ? "Police nationale" : null, closure, null, transferTo, @case.TerritoryCode, null, null, Member, now);
            error.ShouldBeNull();
            if (decision!.NeedsApproval)
            {
                decision.Approve(Chair, null, now).ShouldBeNull();
            }

            var before = @case.Events.Count;
            @case.ApplyDecision(decision, Chair, now).ShouldBeNull();
            db.PanelDecisions.Add(decision);
            db.CaseEvents.AddRange(@case.Events.Skip(before));
            await db.SaveChangesAsync();
            return decision;
        });

    /// <summary>An approved transfer of the case to <paramref name="to"/> and its <see cref="CaseTransfer"/>.</summary>
    public static async Task<Guid> RequestTransferAsync(PasserelleFactory factory, Guid caseId, string to, string summary = "La personne a déménagé ; suivi à poursuivre par le GED destinataire.")
    {
        var decision = await DecideAsync(factory, caseId, DecisionType.Transfer, summary, transferTo: to);
        return await factory.WithDbAsync(async db =>
        {
            var @case = await db.Cases.Include(c => c.Person).SingleAsync(c => c.Id == caseId);
            var transfer = new CaseTransfer
            {
                CaseId = caseId,
                PersonId = @case.PersonId,
                FromTerritory = @case.TerritoryCode,
                ToTerritory = to,
                DecisionId = decision.Id,
                PersonLabel = $"{@case.Person!.GivenName} {@case.Person.Surname} ({@case.Person.BirthYear})",
                Summary = decision.Rationale,
                RequestedAt = factory.Clock.GetUtcNow().UtcDateTime,
                RequestedById = Chair,
            };
            db.CaseTransfers.Add(transfer);
            await db.SaveChangesAsync();
            return transfer.Id;
        });
    }

    /// <summary>A completed assessment of the case (one rating, noted on the timeline) and a campaign that includes the case.</summary>
    public static Task<(Guid AssessmentId, Guid CampaignId)> AssessAndCampaignAsync(PasserelleFactory factory, Guid caseId) =>
        factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
            var item = new AssessmentGridItem { DomainCode = "engagement", DomainFr = "Engagement", DomainEn = "Engagement", Code = "e1", LabelFr = "Item", LabelEn = "Item" };
            var grid = new AssessmentGrid { Code = "t" + Guid.NewGuid().ToString("N")[..12], Edition = 1, NameFr = "Grille", NameEn = "Grid", CreatedAt = now, Items = [item] };
            var assessment = new Assessment
            {
                CaseId = caseId,
                PersonId = @case.PersonId,
                TerritoryCode = @case.TerritoryCode,
                GridId = grid.Id,
                Status = AssessmentStatus.Completed,
                RequestedById = Member,
                RequestedAt = now,
                AssessorId = Member,
                CompletedAt = now,
                Narrative = "Jugement d'ensemble de test.",
            };
            assessment.Ratings.Add(new AssessmentRating { AssessmentId = assessment.Id, ItemId = item.Id, ItemCode = item.Code, TerritoryCode = @case.TerritoryCode, Rating = ItemRating.Present, Evidence = "Constat." });
            var campaign = new ReviewCampaign { Title = "Campagne de test", TerritoryCode = @case.TerritoryCode, ScopeStatuses = "Followed", Deadline = DateOnly.FromDateTime(now).AddDays(10), CreatedAt = now, CreatedById = Chair };
            db.AssessmentGrids.Add(grid);
            db.Assessments.Add(assessment);
            db.ReviewCampaigns.Add(campaign);
            db.CampaignCases.Add(new CampaignCase { CampaignId = campaign.Id, CaseId = caseId, TerritoryCode = @case.TerritoryCode });
            db.CaseEvents.Add(@case.Note(CaseEventKind.AssessmentRecorded, Member, now, assessment.Id));
            await db.SaveChangesAsync();
            return (assessment.Id, campaign.Id);
        });
}
