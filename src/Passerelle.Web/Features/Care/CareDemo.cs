using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Panel.Decisions;

namespace Passerelle.Web.Features.Care;

/// <summary>
/// The CPRAF of the Nord in the demo: two open cases of 59 referred by the panel through the real decision path
/// (<see cref="PanelDecision.Propose"/>, <see cref="Case.ApplyDecision"/>, <see cref="CompartmentReferrals.OnDecisionApplied"/>),
/// one still waiting for consent, one with an active plan (goals, an intervention, sessions, a family member and a
/// family-support session, a review with the panel's summary) and a clinician's health note. Runs as the system
/// after the demo users and cases exist; does nothing when 59 already has a CPRAF referral or lacks two open cases.
/// </summary>
internal static class CareDemo
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var member = await db.Users.Where(u => u.Email == "ged59@demo.passerelle.fr").Select(u => u.Id).FirstOrDefaultAsync() ?? "demo-seed";
        var worker = await db.Users.Where(u => u.Email == "care59@demo.passerelle.fr").Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        var clinician = await db.Users.Where(u => u.Email == "clinician59@demo.passerelle.fr").Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        if (worker is null || clinician is null || await db.CareReferrals.AnyAsync(r => r.TerritoryCode == "59"))
        {
            return;
        }

        var cases = await db.Cases.Include(c => c.Person)
            .Where(c => c.TerritoryCode == "59" && c.TransferTo == null && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Archived
                && !db.PanelDecisions.Any(d => d.CaseId == c.Id && d.Status == DecisionStatus.PendingApproval))
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.Id)
            .Take(2)
            .ToListAsync();
        if (cases.Count < 2)
        {
            return;
        }

        var referredAt = now.AddDays(-40);
        var rationales = new[]
        {
            "Rupture familiale et isolement ; la famille demande de l'aide. Orientation vers la CPRAF pour un accompagnement volontaire. (démo)",
            "Décrochage scolaire et fréquentations inquiétantes en ligne ; le GED propose un accompagnement éducatif et familial. (démo)",
        };
        for (var i = 0; i < cases.Count; i++)
        {
            var @case = cases[i];
            var at = i == 0 ? now.AddDays(-3) : referredAt;
            var (decision, error) = PanelDecision.Propose(
                @case, DecisionType.ReferCare, rationales[i], PanelDecision.DefaultNextReview(DecisionType.ReferCare, DateOnly.FromDateTime(at)),
                null, null, null, null, @case.TerritoryCode, null, null, member, at);
            if (decision is null)
            {
                throw new InvalidOperationException("Invalid demo care referral: " + error?.Code);
            }

            if (decision.NeedsApproval && decision.Approve("demo-chair", null, at) is { } refused)
            {
                throw new InvalidOperationException("Invalid demo approval: " + refused.Code);
            }

            var before = @case.Events.Count;
            if (@case.ApplyDecision(decision, member, at) is { } notApplied)
            {
                throw new InvalidOperationException("Invalid demo care referral: " + notApplied.Code);
            }

            db.PanelDecisions.Add(decision);
            db.CaseEvents.AddRange(@case.Events.Skip(before));
            CompartmentReferrals.OnDecisionApplied(db, @case, decision, member, at);
        }

        await db.SaveChangesAsync();

        var referral = await db.CareReferrals.SingleAsync(r => r.CaseId == cases[1].Id);
        var opened = referredAt.AddDays(6);
        var (plan, openError) = CarePlan.Open(
            referral, consentRecorded: true, referral.Minor ? ConsentGivenBy.Guardians : ConsentGivenBy.Person, referral.Minor ? "Mme et M. (représentants légaux, démo)" : null,
            DateOnly.FromDateTime(opened.AddDays(-2)), worker.Id, opened);
        if (plan is null)
        {
            throw new InvalidOperationException("Invalid demo care plan: " + openError?.Code);
        }

        var t = plan.TerritoryCode;
        var today = DateOnly.FromDateTime(now);
        db.CarePlans.Add(plan);
        db.CareGoals.AddRange(
            new CareGoal { PlanId = plan.Id, TerritoryCode = t, Text = "Reprendre une formation ou une scolarité d'ici la rentrée.", CreatedAt = opened },
            new CareGoal { PlanId = plan.Id, TerritoryCode = t, Text = "Renouer le dialogue avec la mère.", CreatedAt = opened, Status = CareGoalStatus.Achieved, SettledAt = now.AddDays(-5) });
        var intervention = new CareIntervention
        {
            PlanId = plan.Id, TerritoryCode = t, Type = InterventionType.Educational, Provider = "Mission locale de Valenciennes (démo)", StartedOn = DateOnly.FromDateTime(opened.AddDays(3)),
        };
        db.CareInterventions.Add(intervention);
        var mother = new CareFamilyMember { PlanId = plan.Id, TerritoryCode = t, Relationship = FamilyRelationship.Mother, Name = "Mère (démo)", Contact = "06 00 00 00 59" };
        db.CareFamilyMembers.Add(mother);
        db.CareSessions.AddRange(
            new CareSession
            {
                PlanId = plan.Id, TerritoryCode = t, Kind = CareSessionKind.Session, At = opened.AddDays(7), DurationMinutes = 60, InterventionId = intervention.Id,
                Note = "Premier entretien : projet de formation évoqué. (démo)", RecordedById = worker.Id, RecordedAt = opened.AddDays(7),
            },
            new CareSession
            {
                PlanId = plan.Id, TerritoryCode = t, Kind = CareSessionKind.Contact, At = opened.AddDays(12), DurationMinutes = 10,
                Note = "Appel pour confirmer le rendez-vous à la mission locale. (démo)", RecordedById = worker.Id, RecordedAt = opened.AddDays(12),
            },
            new CareSession
            {
                PlanId = plan.Id, TerritoryCode = t, Kind = CareSessionKind.FamilySupport, At = opened.AddDays(20), DurationMinutes = 90, FamilyMemberIds = mother.Id.ToString(),
                Note = "Séance avec la mère : reprise du dialogue. (démo)", RecordedById = worker.Id, RecordedAt = opened.AddDays(20),
            });
        db.CareProgressReviews.Add(new CareProgressReview
        {
            PlanId = plan.Id, TerritoryCode = t, HeldOn = today.AddDays(-5), Progress = "Assiduité aux rendez-vous ; dialogue familial repris. (démo)",
            NextReviewOn = today.AddMonths(3), RecordedById = worker.Id, RecordedAt = now.AddDays(-5),
        });
        plan.NextReviewOn = today.AddMonths(3);
        plan.PanelSummary = "Adhère à l'accompagnement ; dialogue familial repris ; démarches de formation en cours.";
        plan.PanelSummaryAt = now.AddDays(-5);
        db.HealthNotes.Add(new HealthNote
        {
            TerritoryCode = t, PlanId = plan.Id, At = now.AddDays(-4), Text = "Bilan psychologique : anxiété modérée, suivi proposé au CMP. (démo)",
            AuthorId = clinician.Id, AuthorName = clinician.DisplayName,
        });
        await db.SaveChangesAsync();
    }
}
