using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;

namespace Passerelle.Web.Features.Minors;

/// <summary>
/// Demo data of the returning minors' protocol (fictional children of the Nord): one protocol whose mandatory review
/// is overdue, one whose review is due in a month, each with a review recorded, and a clinician's health note, so
/// <c>/minors</c>, the panel's home and the health notes are not empty on a fresh demo. Runs after the demo users
/// and cases exist (the scope is the system); it goes through the domain's own rules (<see cref="ReturningMinor.RecordReview"/>).
/// </summary>
internal static class MinorsDemo
{
    private static readonly (string Given, string Surname, int AgeYears, int OpenedMonthsAgo, int NextReviewInDays, string Narrative)[] Children =
    [
        ("Sofia", "Marchal", 9, 8, -12, "Enfant rapatriée d'un camp du nord-est syrien avec sa mère ; signalée par la préfecture. (démo)"),
        ("Adam", "Lefebvre", 13, 5, 31, "Mineur rapatrié, pris en charge par l'ASE à son arrivée ; signalé par le parquet. (démo)"),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var record = services.GetRequiredService<RecordReport>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var ged = await UserIdAsync(db, "ged59@demo.passerelle.fr");
        var clinician = await UserIdAsync(db, "clinician59@demo.passerelle.fr");
        var clinicianName = await db.Users.Where(u => u.Id == clinician).Select(u => u.DisplayName).FirstOrDefaultAsync() ?? "Clinicien (démo)";
        foreach (var child in Children)
        {
            var born = today.AddYears(-child.AgeYears).AddDays(-40);
            var (recorded, error) = await record.ExecuteAsync(
                new ValidReport(ReportSource.Panel, "59", "Démo Préfecture", "03 20 00 00 00", child.Given, child.Surname, null, new PartialDate(born.Year, born.Month, born.Day),
                    "Lille", Sex.Unknown, null, ["family-rupture"], child.Narrative, Urgency.Routine, null),
                CancellationToken.None);
            if (recorded?.AttachedCaseId is not { } caseId)
            {
                throw new InvalidOperationException("Invalid demo report: " + error?.MessageKey);
            }

            var @case = await db.Cases.Include(c => c.Person).SingleAsync(c => c.Id == caseId);
            var openedOn = today.AddMonths(-child.OpenedMonthsAgo);
            var openedAt = openedOn.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            var minor = new ReturningMinor
            {
                TerritoryCode = "59",
                CaseId = caseId,
                PersonId = @case.PersonId,
                PersonLabel = $"{child.Surname.ToUpperInvariant()} {child.Given} ({born.Year})",
                ReturnedOn = openedOn.AddDays(-7),
                Guardianship = "Mère détenue ; délégation d'autorité parentale au conseil départemental. (démo)",
                Measure = ProtectionMeasure.Placement,
                MeasureDetail = "Ordonnance du juge des enfants de Lille, famille d'accueil. (démo)",
                MeasureOrderedOn = openedOn.AddDays(-3),
                HealthAssessment = HealthAssessmentState.Done,
                HealthAssessmentOn = openedOn.AddDays(20),
                HealthSummary = "Bilan réalisé, suivi en place. (démo)",
                Schooling = child.AgeYears < 11 ? SchoolingState.Primary : SchoolingState.Secondary,
                FamilySituation = "Grands-parents maternels présents à Roubaix, visites médiatisées. (démo)",
                MultiAgencyPlan = "ASE : placement et visites ; Éducation nationale : scolarité adaptée ; CPRAF : accompagnement des grands-parents ; PJJ : non concernée. (démo)",
                ReviewIntervalMonths = 3,
                NextReviewOn = ReturningMinor.FirstReviewOn(openedOn.AddDays(-7), openedOn, 3),
                OpenedAt = openedAt,
                OpenedById = ged,
            };
            db.ReturningMinors.Add(minor);
            db.CaseEvents.Add(@case.Note(CaseEventKind.ReviewRecorded, ged, openedAt, detail: "minors.opened"));

            // A review held when the first one fell due; it set the next review (now past, or a month ahead).
            var heldOn = minor.NextReviewOn;
            var next = today.AddDays(child.NextReviewInDays);
            var (review, refused) = minor.RecordReview(heldOn, "ASE, Éducation nationale, CPRAF (démo)", "Adaptation progressive, scolarité régulière. (démo)", next, ged, heldOn.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc));
            if (review is null)
            {
                throw new InvalidOperationException("Invalid demo review: " + refused?.Code);
            }

            db.MinorReviews.Add(review);
            db.CaseEvents.Add(@case.Note(CaseEventKind.ReviewRecorded, ged, review.RecordedAt, detail: "minors.reviewed"));
            db.HealthNotes.Add(new HealthNote
            {
                TerritoryCode = "59",
                MinorId = minor.Id,
                At = openedAt.AddDays(21),
                Text = "Bilan pédiatrique et psychologique réalisé ; suivi au CMP une fois par semaine. (démo)",
                AuthorId = clinician,
                AuthorName = clinicianName,
            });
            await db.SaveChangesAsync();
        }
    }

    private static async Task<string> UserIdAsync(PasserelleDb db, string email) =>
        await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstOrDefaultAsync() ?? "demo-seed";
}
