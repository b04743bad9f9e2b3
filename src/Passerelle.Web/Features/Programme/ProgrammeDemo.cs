using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Retention;

namespace Passerelle.Web.Features.Programme;

/// <summary>
/// A few fictional participants at Lille and Paris, one or more in each status, with obligations, plan components,
/// a milestone and an incident, built through the same domain rules as the pages. Runs as the system, after the
/// demo users exist; does nothing when participants of these sites were already referred outside a panel.
/// </summary>
internal static class ProgrammeDemo
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var retention = services.GetRequiredService<RetentionRules>().EndedParticipant;
        if (await db.ProgrammeParticipants.IgnoreQueryFilters().AnyAsync(p => p.Source != ReferralSource.Panel && (p.SiteCode == "LIL" || p.SiteCode == "PAR")))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var sites = await db.ProgrammeSites.ToDictionaryAsync(s => s.Code);

        ProgrammeParticipant Refer(string site, string given, string surname, int year, ReferralSource source, string service, int daysAgo)
        {
            var p = new ProgrammeParticipant
            {
                SiteCode = site, TerritoryCode = sites[site].TerritoryCode, GivenName = given, Surname = surname, BirthYear = year, Source = source,
                ReferringService = service, ReferredOn = today.AddDays(-daysAgo), ReferralNote = "Participant fictif (démo).", CreatedAt = now, CreatedById = "system:demo",
            };
            db.ProgrammeParticipants.Add(p);
            var (residence, _) = p.AddObligation(ObligationKind.Residence, "Résidence fixée dans le département (démo)", p.ReferredOn, p.ReferredOn.AddYears(3));
            var (reporting, _) = p.AddObligation(ObligationKind.Reporting, "Pointage hebdomadaire (démo)", p.ReferredOn, p.ReferredOn.AddYears(2));
            db.CourtObligations.AddRange(residence!, reporting!);
            return p;
        }

        void Enrol(ProgrammeParticipant p, int daysAfterReferral, int years)
        {
            var on = p.ReferredOn.AddDays(daysAfterReferral);
            Check(p.Enrol(sites[p.SiteCode], 0, 2, on, on, on.AddYears(years), today));
        }

        void Component(ProgrammeParticipant p, ComponentKind kind, string provider, ComponentStatus status, DateOnly? started)
        {
            var (c, error) = p.AddComponent(kind, provider, status, started, null, null, today);
            Check(error);
            db.PlanComponents.Add(c!);
        }

        void Event(ProgrammeParticipant p, ParticipantEventKind kind, DateOnly on, string note, OffenceCategory? category = null, string? detail = null)
        {
            var (e, error) = p.RecordEvent(kind, category, detail, on, note, "system:demo", now, today, retention);
            Check(error);
            db.ParticipantEvents.Add(e!);
        }

        // Lille: one referred, two enrolled (one with a window ending soon), one ended.
        Refer("LIL", "Yanis", "Démo-Lefort", 1996, ReferralSource.Probation, "SPIP du Nord — M. Dupré (démo)", 10);

        var karim = Refer("LIL", "Karim", "Démo-Vasseur", 1991, ReferralSource.Probation, "SPIP du Nord — Mme Leclercq (démo)", 400);
        Enrol(karim, 14, 2);
        Component(karim, ComponentKind.Housing, "Association d'hébergement (démo)", ComponentStatus.Active, karim.EnrolledOn);
        Component(karim, ComponentKind.Employment, "Mission locale (démo)", ComponentStatus.Active, karim.EnrolledOn!.Value.AddDays(30));
        Component(karim, ComponentKind.ReligiousCounsel, "Aumônerie partenaire (démo)", ComponentStatus.Planned, null);
        Event(karim, ParticipantEventKind.Milestone, karim.EnrolledOn!.Value.AddDays(60), "Logement stable obtenu (démo).");
        Event(karim, ParticipantEventKind.Incident, karim.EnrolledOn!.Value.AddDays(120), "Absence à deux rendez-vous, reprise du suivi (démo).");

        var sofiane = Refer("LIL", "Sofiane", "Démo-Caron", 1988, ReferralSource.Court, "JAP de Lille — Mme Roussel (démo)", 700);
        Enrol(sofiane, 20, 2);
        Component(sofiane, ComponentKind.MentalHealth, "Centre médico-psychologique (démo)", ComponentStatus.Active, sofiane.EnrolledOn);
        Event(sofiane, ParticipantEventKind.Milestone, sofiane.EnrolledOn!.Value.AddDays(90), "Formation qualifiante commencée (démo).");

        var lucas = Refer("LIL", "Lucas", "Démo-Morel", 1993, ReferralSource.Probation, "SPIP du Pas-de-Calais (démo)", 900);
        Enrol(lucas, 10, 2);
        Component(lucas, ComponentKind.Family, "Médiation familiale (démo)", ComponentStatus.Active, lucas.EnrolledOn);
        Event(lucas, ParticipantEventKind.Incident, lucas.EnrolledOn!.Value.AddDays(200), "Conflit avec l'hébergeur, relogement (démo).");
        Event(lucas, ParticipantEventKind.EndOfFollowUp, lucas.FollowUpEndsOn!.Value.AddDays(-1) < today ? lucas.FollowUpEndsOn!.Value.AddDays(-1) : today, "Fin de la fenêtre de suivi (démo).");

        // Paris: one referred, one enrolled, one not enrolled.
        Refer("PAR", "Mehdi", "Démo-Garnier", 1999, ReferralSource.Court, "JAP de Paris — M. Bernard (démo)", 5);

        var thomas = Refer("PAR", "Thomas", "Démo-Lambert", 1990, ReferralSource.Probation, "SPIP de Paris — Mme Petit (démo)", 200);
        Enrol(thomas, 15, 3);
        Component(thomas, ComponentKind.Education, "GRETA (démo)", ComponentStatus.Active, thomas.EnrolledOn);
        Component(thomas, ComponentKind.Housing, "Foyer partenaire (démo)", ComponentStatus.Active, thomas.EnrolledOn);
        Event(thomas, ParticipantEventKind.Milestone, thomas.EnrolledOn!.Value.AddDays(45), "Contrat de travail signé (démo).");
        Event(thomas, ParticipantEventKind.Incident, thomas.EnrolledOn!.Value.AddDays(100), "Retard répété aux entretiens (démo).");

        var adam = Refer("PAR", "Adam", "Démo-Roux", 1997, ReferralSource.Probation, "SPIP de Seine-Saint-Denis (démo)", 90);
        Check(adam.MarkNotEnrolled(adam.ReferredOn.AddDays(30), "Orientation vers un autre dispositif (démo).", today, retention));

        await db.SaveChangesAsync();
    }

    private static void Check(DomainError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"Programme demo: {error.Code}");
        }
    }
}
