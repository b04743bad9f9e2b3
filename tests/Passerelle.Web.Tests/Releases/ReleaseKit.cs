using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Programme.Releases;
using Passerelle.Web.Mail;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Releases;

/// <summary>Seeding and running helpers of the release calendar's tests.</summary>
internal static class ReleaseKit
{
    public static string Covered(string site) => ProgrammeSiteData.All.Single(s => s.Code == site).CoveredTerritories;

    public static string Mailbox(string site) => ProgrammeSiteData.All.Single(s => s.Code == site).ContactEmail!;

    public static DateOnly Today(this PasserelleFactory factory) => DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

    /// <summary>A unique surname per call (tests share a database per class).</summary>
    public static string Surname(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..6].Replace('0', 'a').Replace('1', 'b').Replace('2', 'c').Replace('3', 'd').Replace('4', 'e').Replace('5', 'f').Replace('6', 'g').Replace('7', 'h').Replace('8', 'i').Replace('9', 'j')}";

    public static Task<PrisonRelease> ReleaseAsync(this PasserelleFactory factory, string territory, DateOnly on, string surname,
        string given = "Karim", int? born = 1990, string? note = null, Guid? participant = null, ReleaseStatus status = ReleaseStatus.Expected, bool sixAlert = false, bool threeAlert = false) =>
        factory.WithDbAsync(async db =>
        {
            var release = new PrisonRelease
            {
                TerritoryCode = territory, GivenName = given, Surname = surname, BirthYear = born, ReleaseOn = on,
                Establishment = "Centre pénitentiaire de test", CreatedAt = factory.Clock.GetUtcNow().UtcDateTime, CreatedById = "test",
                TakeoverNote = note, ParticipantId = participant, Status = status,
                SixMonthAlertAt = sixAlert ? factory.Clock.GetUtcNow().UtcDateTime : null, ThreeMonthAlertAt = threeAlert ? factory.Clock.GetUtcNow().UtcDateTime : null,
            };
            db.PrisonReleases.Add(release);
            await db.SaveChangesAsync();
            return release;
        });

    public static Task<ProgrammeParticipant> ParticipantAsync(this PasserelleFactory factory, string site, string surname, ParticipantStatus status = ParticipantStatus.Enrolled) =>
        factory.WithDbAsync(async db =>
        {
            var s = ProgrammeSiteData.All.Single(x => x.Code == site);
            var participant = new ProgrammeParticipant
            {
                SiteCode = site, TerritoryCode = s.TerritoryCode, GivenName = "Paul", Surname = surname, BirthYear = 1990, Status = status,
                Source = ReferralSource.Probation, ReferredOn = factory.Today().AddDays(-30), CreatedAt = factory.Clock.GetUtcNow().UtcDateTime, CreatedById = "test",
            };
            db.ProgrammeParticipants.Add(participant);
            await db.SaveChangesAsync();
            return participant;
        });

    public static Task<PrisonRelease> StoredAsync(this PasserelleFactory factory, Guid id) =>
        factory.WithDbAsync(db => db.PrisonReleases.AsNoTracking().SingleAsync(r => r.Id == id));

    public static Task<IReadOnlyList<ReleaseAlertJob.SiteAlerts>> RunAlertsAsync(this PasserelleFactory factory) =>
        factory.AsSystemAsync(services => services.GetRequiredService<ReleaseAlertJob>().RunAsync(CancellationToken.None));

    public static Task<List<OutboxMessage>> AlertMailsAsync(this PasserelleFactory factory) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == ReleaseAlertJob.Kind).OrderBy(m => m.CreatedAt).ToListAsync());

    public static Task<int> DeliverAsync(this PasserelleFactory factory) =>
        factory.AsSystemAsync(services => services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));

    public static Task<int> AuditCountAsync(this PasserelleFactory factory, string action, Guid id) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.ObjectId == id.ToString()));
}
