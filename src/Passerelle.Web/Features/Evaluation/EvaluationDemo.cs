using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Evaluation;

/// <summary>
/// A synthetic cohort for the evaluation page (demo only): about 150 invented participants of the four open sites
/// (Paris, Marseille, Lyon, Lille), enrolled 2019–2025, each with an explicit two- or three-year follow-up window,
/// the ends that have happened by today (window completed, a few returns to prison, withdrawals and moves) and rare
/// outcomes (mostly none; a few "other" offences, very few terrorism-related). Generated from a fixed seed, so every
/// demo shows the same figures for the same day. Every participant is marked as demo data: referring service
/// "Démo évaluation", given name "Démo", note "(démo)". Runs after the demo users exist (the scope is the system);
/// does nothing when the demo cohort is already there.
/// </summary>
internal static class EvaluationDemo
{
    public const string ReferringService = "Démo évaluation";

    private const int Seed = 20_190_101;

    private static readonly (string Site, int Participants)[] Sites = [("PAR", 48), ("MRS", 34), ("LYS", 32), ("LIL", 36)];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        if (await db.ProgrammeParticipants.IgnoreQueryFilters().AnyAsync(p => p.ReferringService == ReferringService))
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        // A fixed seed for reproducible demo figures (not security-relevant).
#pragma warning disable CA5394 // Random is fine for synthetic demo data.
        var random = new Random(Seed);
        var number = 0;
        foreach (var (siteCode, count) in Sites)
        {
            var site = ProgrammeSiteData.All.Single(s => s.Code == siteCode);
            for (var i = 0; i < count; i++)
            {
                number++;
                var cohort = 2019 + random.Next(7);
                var enrolled = new DateOnly(cohort, 1, 1).AddDays(random.Next(365));
                if (enrolled > today)
                {
                    enrolled = today.AddDays(-random.Next(1, 60));
                }

                var windowEnd = enrolled.AddMonths(random.Next(2) == 0 ? 24 : 36);
                var participant = new ProgrammeParticipant
                {
                    SiteCode = site.Code,
                    TerritoryCode = site.TerritoryCode,
                    GivenName = "Démo",
                    Surname = $"Participant {number:000}",
                    Status = ParticipantStatus.Enrolled,
                    Source = random.Next(4) == 0 ? ReferralSource.Court : ReferralSource.Probation,
                    ReferringService = ReferringService,
                    ReferredOn = enrolled.AddDays(-random.Next(20, 120)),
                    ReferralNote = "Participant fictif de la cohorte de démonstration de l'évaluation. (démo)",
                    EnrolledOn = enrolled,
                    FollowUpStartsOn = enrolled,
                    FollowUpEndsOn = windowEnd,
                    CreatedAt = now,
                    CreatedById = "demo-seed",
                };
                db.ProgrammeParticipants.Add(participant);

                var observedTo = windowEnd < today ? windowEnd : today;
                var span = observedTo.DayNumber - enrolled.DayNumber;
                var roll = random.NextDouble();

                // Outcomes are rare: 3 terrorism-related convictions in all (every 47th participant), about 9 % other
                // offences, 5 % returns to prison, 5 % early ends; the rest without any offence.
                if (span > 30 && number % 47 == 23)
                {
                    Event(db, participant, ParticipantEventKind.Conviction, OffenceCategory.TerrorismRelated, null, enrolled.AddDays(random.Next(30, span)), now);
                }
                else if (span > 30 && roll < 0.09)
                {
                    Event(db, participant, ParticipantEventKind.NewOffence, OffenceCategory.Other, random.Next(2) == 0 ? "stupéfiants" : "vol", enrolled.AddDays(random.Next(30, span)), now);
                }
                else if (span > 60 && roll < 0.14)
                {
                    var back = enrolled.AddDays(random.Next(60, span));
                    Event(db, participant, ParticipantEventKind.ReturnToPrison, null, null, back, now);
                    End(participant, back, ParticipantEndReason.ReturnToPrison);
                    continue;
                }
                else if (span > 60 && roll < 0.19)
                {
                    End(participant, enrolled.AddDays(random.Next(60, span)), random.Next(2) == 0 ? ParticipantEndReason.Withdrawn : ParticipantEndReason.Moved);
                    continue;
                }

                if (windowEnd < today)
                {
                    Event(db, participant, ParticipantEventKind.EndOfFollowUp, null, null, windowEnd, now);
                    End(participant, windowEnd, ParticipantEndReason.FollowUpCompleted);
                }
            }
        }
#pragma warning restore CA5394

        await db.SaveChangesAsync();
    }

    private static void End(ProgrammeParticipant participant, DateOnly on, ParticipantEndReason reason)
    {
        participant.Status = ParticipantStatus.Ended;
        participant.EndedOn = on;
        participant.EndReason = reason;
        participant.EndNote = "(démo)";
    }

    private static void Event(PasserelleDb db, ProgrammeParticipant participant, ParticipantEventKind kind, OffenceCategory? category, string? detail, DateOnly on, DateTime now) =>
        db.ParticipantEvents.Add(new ParticipantEvent
        {
            ParticipantId = participant.Id,
            TerritoryCode = participant.TerritoryCode,
            SiteCode = participant.SiteCode,
            Kind = kind,
            Category = category,
            OffenceDetail = detail,
            OccurredOn = on,
            Note = "(démo)",
            RecordedById = "demo-seed",
            RecordedAt = now,
        });
}
