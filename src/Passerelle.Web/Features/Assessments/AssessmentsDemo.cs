using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// Demo data of structured assessments (invented): the example grid; in the Nord, one assessment requested by the panel
/// and waiting for assessor59@, and two completed assessments of another person, months apart, for the comparison.
/// Runs after the demo users and cases exist, as the system.
/// </summary>
internal static class AssessmentsDemo
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        await AssessmentGridSeed.EnsureAsync(db, clock);
        if (await db.Assessments.AnyAsync())
        {
            return;
        }

        var grid = await db.AssessmentGrids.Include(g => g.Items).FirstAsync(g => g.Code == AssessmentGridSeed.Code && g.Status == GridStatus.Published);
        var ged = await db.Users.Where(u => u.Email == "ged59@demo.passerelle.fr").Select(u => u.Id).FirstAsync();
        var assessor = await db.Users.Where(u => u.Email == "assessor59@demo.passerelle.fr").Select(u => u.Id).FirstAsync();
        var cases = await db.Cases.Include(c => c.Person).Where(c => c.TerritoryCode == "59").ToListAsync();
        var requested = cases.First(c => c.Person!.Surname == "Martin");
        var compared = cases.First(c => c.Person!.Surname == "Petit");
        var now = clock.GetUtcNow().UtcDateTime;

        db.Assessments.Add(New(grid, requested, ged, now.AddDays(-2), "Le lycée signale une évolution récente : merci d'éclairer l'engagement. (démo)", []));

        var first = New(grid, compared, ged, now.AddDays(-200), null, new()
        {
            ["ENG1"] = (ItemRating.Present, "Exprime à chaque entretien un fort sentiment d'injustice après son exclusion. (démo)", "Entretiens"),
            ["ENG4"] = (ItemRating.PartlyPresent, "Échanges réguliers avec un groupe en ligne relevés par la famille. (démo)", "Famille"),
            ["INT3"] = (ItemRating.Absent, null, null),
            ["CAP5"] = (ItemRating.PartlyPresent, "Projet de départ évoqué en ligne, sans démarche constatée. (démo)", "Signalement initial"),
        });
        Complete(first, compared, assessor, now.AddDays(-190), "Engagement marqué, intention non établie ; à revoir dans six mois. (démo)");
        var second = New(grid, compared, ged, now.AddDays(-20), "Réexamen à six mois. (démo)", new()
        {
            ["ENG1"] = (ItemRating.PartlyPresent, "Le sentiment d'injustice s'exprime moins depuis la reprise d'une formation. (démo)", "Entretiens"),
            ["ENG4"] = (ItemRating.Absent, "N'a plus de contact avec le groupe selon la famille et l'éducateur. (démo)", "Famille, éducateur"),
            ["INT3"] = (ItemRating.Absent, null, null),
            ["CAP5"] = (ItemRating.Absent, "Le projet de départ n'est plus évoqué. (démo)", "Entretiens"),
        });
        Complete(second, compared, assessor, now.AddDays(-12), "Évolution favorable ; le suivi par la formation semble porter. (démo)");
        db.Assessments.AddRange(first, second);
        await db.SaveChangesAsync();
    }

    private static Assessment New(AssessmentGrid grid, Case theCase, string requestedBy, DateTime at, string? note, Dictionary<string, (ItemRating Rating, string? Evidence, string? Source)> ratings)
    {
        var assessment = new Assessment
        {
            CaseId = theCase.Id, PersonId = theCase.PersonId, TerritoryCode = theCase.TerritoryCode, GridId = grid.Id, RequestedById = requestedBy, RequestedAt = at, RequestNote = note,
        };
        foreach (var item in grid.Items)
        {
            var (rating, evidence, source) = ratings.TryGetValue(item.Code, out var r) ? r : (ItemRating.Unknown, null, null);
            assessment.Ratings.Add(new AssessmentRating
            {
                AssessmentId = assessment.Id, ItemId = item.Id, ItemCode = item.Code, TerritoryCode = theCase.TerritoryCode, Rating = rating, Evidence = evidence, Source = source,
            });
        }

        return assessment;
    }

    private static void Complete(Assessment assessment, Case theCase, string assessor, DateTime at, string narrative)
    {
        assessment.Status = AssessmentStatus.Completed;
        assessment.AssessorId = assessor;
        assessment.CompletedAt = at;
        assessment.Narrative = narrative;
        theCase.Note(CaseEventKind.AssessmentRecorded, assessor, at, assessmentId: assessment.Id);
    }
}
