using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Programme.Releases;

/// <summary>
/// A dozen fictional releases over the next 24 months at the Lille and Paris sites, some with a takeover prepared
/// (a participant of the site when the demo has one, else another service), one within 3 months with nothing
/// planned; then the alert job runs, as every morning, so the calendar opens on its alerts. Runs as the system,
/// after the demo users (and, if called after the programme's demo, its participants).
/// </summary>
internal static class ReleasesDemo
{
    private static readonly (string Given, string Surname, int Born, int Days, string Establishment, string Territory, string? Note)[] Releases =
    [
        ("Karim", "Delorme", 1991, 45, "Centre pénitentiaire de Lille-Annœullin", "59", null),
        ("Yanis", "Fontaine", 1996, 120, "Maison d'arrêt d'Amiens", "80", "SPIP de la Somme : hébergement en CHRS réservé, rendez-vous fixé le jour de la sortie."),
        ("Mehdi", "Carpentier", 1988, 170, "Centre pénitentiaire de Vendin-le-Vieil", "62", null),
        ("Lucas", "Vasseur", 1999, 260, "Maison d'arrêt de Lille-Sequedin", "59", "participant"),
        ("Nadia", "Lemaire", 1993, 400, "Centre pénitentiaire de Metz", "57", null),
        ("Hugo", "Leclercq", 1985, 610, "Centre de détention de Bapaume", "62", "SPIP du Pas-de-Calais : suivi renforcé et emploi en chantier d'insertion prévus."),
        ("Samir", "Benard", 1990, 75, "Centre pénitentiaire de Fresnes", "94", null),
        ("Julien", "Moreau", 1994, 150, "Maison centrale de Poissy", "78", "participant"),
        ("Inès", "Garnier", 1997, 200, "Maison d'arrêt de Paris-La Santé", "75", "SPIP de Paris : logement chez un parent, suivi psychologique au CMP."),
        ("Thomas", "Roussel", 1987, 330, "Centre pénitentiaire de Réau", "77", null),
        ("Bilal", "Perrin", 1992, 500, "Maison d'arrêt de Fleury-Mérogis", "91", null),
        ("Élodie", "Marchand", 1995, 700, "Centre pénitentiaire de Rennes-Vezin", "35", "SPIP d'Ille-et-Vilaine : formation qualifiante réservée."),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        if (await db.PrisonReleases.AnyAsync())
        {
            return;
        }

        var sites = ProgrammeSiteData.All.Where(s => s.Status == SiteStatus.Open).ToList();
        foreach (var (given, surname, born, days, establishment, territory, note) in Releases)
        {
            var release = new PrisonRelease
            {
                TerritoryCode = territory, GivenName = given, Surname = surname, BirthYear = born, ReleaseOn = today.AddDays(days),
                Establishment = establishment, CreatedAt = now, CreatedById = "system:demo",
            };
            if (note == "participant")
            {
                var site = sites.First(s => s.Covered.Contains(territory, StringComparer.Ordinal)).Code;
                var participant = await db.ProgrammeParticipants.AsNoTracking()
                    .Where(p => p.SiteCode == site && (p.Status == ParticipantStatus.Referred || p.Status == ParticipantStatus.Enrolled))
                    .OrderBy(p => p.Id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
                if (participant is { } id)
                {
                    release.LinkParticipant(id);
                }
                else
                {
                    release.DescribeTakeover("Site du programme : orientation en cours par le SPIP, premier entretien fixé avant la sortie.");
                }
            }
            else
            {
                release.DescribeTakeover(note);
            }

            db.PrisonReleases.Add(release);
        }

        await db.SaveChangesAsync();
        await services.GetRequiredService<ReleaseAlertJob>().RunAsync(CancellationToken.None);
    }
}
