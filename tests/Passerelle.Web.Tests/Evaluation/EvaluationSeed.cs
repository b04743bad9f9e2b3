using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Evaluation;

/// <summary>Crafted programme participants and outcome events for the evaluation tests (stored as the system).</summary>
internal static class EvaluationSeed
{
    /// <summary>A distinctive identity no output of the evaluation may ever show.</summary>
    public const string GivenName = "Zéphyrin";
    public const string Surname = "Quoniam-Eval";
    public const string Service = "SPIP Quoniam-Eval";
    public const string Detail = "détail-Quoniam-Eval";

    /// <summary>When the seeded rows say they were recorded: bookkeeping only, the evaluation never reads it.</summary>
    public static readonly DateTime Stamp = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    public sealed class Builder(string site)
    {
        private readonly List<ProgrammeParticipant> participants = [];
        private readonly List<ParticipantEvent> events = [];

        public ProgrammeParticipant Enrolled(DateOnly start, DateOnly? windowEnd, DateOnly? endedOn = null, ParticipantEndReason? reason = null, ParticipantStatus? status = null)
        {
            var territory = ProgrammeSiteData.All.Single(s => s.Code == site).TerritoryCode;
            var p = new ProgrammeParticipant
            {
                SiteCode = site,
                TerritoryCode = territory,
                GivenName = GivenName,
                Surname = Surname,
                BirthYear = 1990,
                Status = status ?? (endedOn is null ? ParticipantStatus.Enrolled : ParticipantStatus.Ended),
                Source = ReferralSource.Probation,
                ReferringService = Service,
                ReferredOn = start.AddDays(-30),
                ReferralNote = "Note Quoniam-Eval",
                EnrolledOn = status == ParticipantStatus.NotEnrolled ? null : start,
                FollowUpStartsOn = windowEnd is null ? null : start,
                FollowUpEndsOn = windowEnd,
                EndedOn = endedOn,
                EndReason = reason,
                PanelSummary = "Résumé Quoniam-Eval",
                CreatedAt = Stamp,
                CreatedById = "evaluation-tests",
            };
            participants.Add(p);
            return p;
        }

        public Builder Event(ProgrammeParticipant p, ParticipantEventKind kind, DateOnly on, OffenceCategory? category = null)
        {
            events.Add(new ParticipantEvent
            {
                ParticipantId = p.Id,
                TerritoryCode = p.TerritoryCode,
                SiteCode = p.SiteCode,
                Kind = kind,
                Category = category,
                OffenceDetail = category is null ? null : Detail,
                OccurredOn = on,
                Note = "Note Quoniam-Eval",
                RecordedById = "evaluation-tests",
                RecordedAt = Stamp,
            });
            return this;
        }

        /// <summary>Many participants with a completed window and no offence.</summary>
        public Builder Completed(int count, DateOnly start, DateOnly windowEnd)
        {
            for (var i = 0; i < count; i++)
            {
                Enrolled(start, windowEnd, windowEnd, ParticipantEndReason.FollowUpCompleted);
            }

            return this;
        }

        public async Task SaveAsync(PasserelleFactory factory) =>
            await factory.WithDbAsync(async db =>
            {
                db.ProgrammeParticipants.AddRange(participants);
                await db.SaveChangesAsync();
                db.ParticipantEvents.AddRange(events);
                await db.SaveChangesAsync();
            });
    }
}
