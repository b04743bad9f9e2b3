using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Programme.Releases;

/// <summary>
/// The release alerts (issue 6: "alerts at 6 and 3 months before release if nothing is planned"): for each expected
/// release without a takeover, the 6-month alert when the date is at most 6 months away and the 3-month alert at
/// most 3 months away, each raised once (<see cref="PrisonRelease.RaiseDueAlerts"/>). Each site with new alerts gets
/// one e-mail to its mailbox with counts only — no name, no date of a person — written to the outbox in the same
/// transaction as the alerts, so a mail is never sent for alerts rolled back nor lost for alerts saved. A second
/// run raises nothing and sends nothing; two instances at once collide on the releases' versions and the loser
/// saves nothing. Runs as the system (every site), from <see cref="ReleaseAlertWorker"/> or
/// <c>passerelle programme release-alerts</c>.
/// </summary>
internal sealed class ReleaseAlertJob(PasserelleDb db, AuditLog audit, TimeProvider clock, IConfiguration configuration)
{
    public const string Kind = "release-alerts";

    public sealed record SiteAlerts(string SiteCode, int SixMonths, int ThreeMonths, bool Mailed);

    /// <summary>Raises today's due alerts; returns, per site, how many it raised (sites with none are left out).</summary>
    public async Task<IReadOnlyList<SiteAlerts>> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var sixMonths = today.AddMonths(6);
        var threeMonths = today.AddMonths(3);
        var sites = await db.ProgrammeSites.AsNoTracking().Where(s => s.Status == SiteStatus.Open).OrderBy(s => s.Code).ToListAsync(ct);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<SiteAlerts>();
        foreach (var site in sites)
        {
            // A département belongs to one open site; never alert twice.
            var covered = site.Covered.Where(taken.Add).ToArray();
            var mine = await db.PrisonReleases
                .Where(r => covered.Contains(r.TerritoryCode) && r.Status == ReleaseStatus.Expected && r.ParticipantId == null && r.TakeoverNote == null
                    && ((r.SixMonthAlertAt == null && r.ReleaseOn <= sixMonths) || (r.ThreeMonthAlertAt == null && r.ReleaseOn <= threeMonths)))
                .ToListAsync(ct);
            if (mine.Count == 0)
            {
                continue;
            }

            int six = 0, three = 0;
            foreach (var release in mine)
            {
                var raised = release.RaiseDueAlerts(today, now);

                // Counted once, at the most urgent threshold it reached (a release recorded inside 3 months raises both).
                if (raised.ThreeMonths)
                {
                    three++;
                }
                else if (raised.SixMonths)
                {
                    six++;
                }

                if (raised.SixMonths || raised.ThreeMonths)
                {
                    audit.Append("prison-release.alert-raised", nameof(PrisonRelease), release.Id,
                        reason: raised.ThreeMonths ? "3 months" : "6 months", territory: release.TerritoryCode);
                }
            }

            if (six + three == 0)
            {
                continue;
            }

            var mailed = !string.IsNullOrWhiteSpace(site.ContactEmail);
            if (mailed)
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    To = site.ContactEmail!, Kind = Kind, Subject = Subject(site, today),
                    Body = Body(site, today, six, three, configuration["Passerelle:BaseUrl"]), CreatedAt = now,
                });
            }

            audit.Append("prison-release.alerts-sent", nameof(ProgrammeSite), site.Code,
                reason: $"6 months {six}; 3 months {three}; {(mailed ? "mailed" : "no site mailbox")}", territory: site.TerritoryCode);
            try
            {
                await db.SaveChangesAsync(ct);
                results.Add(new SiteAlerts(site.Code, six, three, mailed));
            }
            catch (DbUpdateException)
            {
                // Another run changed these releases first (it raised the alerts, or a worker edited one): it mails, or
                // the next run does. Nothing of this site stays pending (alerts, mail, audit).
                db.ChangeTracker.Clear();
            }
        }

        return results;
    }

    public static string Subject(ProgrammeSite site, DateOnly day) =>
        $"[Passerelle] {site.Name} — alertes de sortie du {day:dd/MM/yyyy} / {site.City} site — release alerts of {day:yyyy-MM-dd}";

    /// <summary>The alert mail, in French and English: counts and a link only, never a person.</summary>
    public static string Body(ProgrammeSite site, DateOnly day, int sixMonths, int threeMonths, string? baseUrl)
    {
        var link = $"{baseUrl?.TrimEnd('/')}/programme/releases";
        return $"""
            Calendrier des sorties — {site.Name} ({day:dd/MM/yyyy}) :
            Nouvelles alertes de sortie sans prise en charge prévue :
            - à 3 mois ou moins de la sortie : {threeMonths}
            - à 6 mois ou moins de la sortie : {sixMonths}
            Ouvrir le calendrier des sorties (connexion requise) : {link}

            Release calendar — {site.City} site ({day:yyyy-MM-dd}):
            New alerts for releases with no takeover planned:
            - 3 months or less before release: {threeMonths}
            - 6 months or less before release: {sixMonths}
            Open the release calendar (sign-in required): {link}
            """;
    }
}

/// <summary>
/// Runs the release alerts each day from <c>Releases:AlertHourUtc</c> (default 5), then every
/// <c>Releases:IntervalMinutes</c> (default 60) so a release recorded during the day inside a threshold is not left
/// waiting until tomorrow. Every instance runs it; the <see cref="JobLease"/> "release-alerts" lets one pass per
/// interval, and the alert timestamps make each alert (and its mail) happen once whatever the number of passes.
/// </summary>
internal sealed class ReleaseAlertWorker(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ReleaseAlertWorker> logger) : BackgroundService
{
    public const string LeaseName = "release-alerts";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hour = Math.Clamp(configuration.GetValue("Releases:AlertHourUtc", 5), 0, 23);
        var interval = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Releases:IntervalMinutes", 60), 1, 24 * 60));
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                if (now.Hour < hour)
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(AccessScope.System);
                var db = scope.ServiceProvider.GetRequiredService<PasserelleDb>();
                if (await TryTakeLeaseAsync(db, now, interval, JobLease.Instance, stoppingToken))
                {
                    var results = await scope.ServiceProvider.GetRequiredService<ReleaseAlertJob>().RunAsync(stoppingToken);
                    var raised = results.Sum(r => r.SixMonths + r.ThreeMonths);
                    ReleaseAlertLog.Ran(logger, raised, results.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ReleaseAlertLog.Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Takes the lease for <paramref name="interval"/> when it has run out; false when another instance holds it.</summary>
    public static Task<bool> TryTakeLeaseAsync(PasserelleDb db, DateTime now, TimeSpan interval, string holder, CancellationToken ct) =>
        JobLease.TryTakeAsync(db, LeaseName, now, interval, holder, ct);
}

internal static partial class ReleaseAlertLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Release alerts pass: {Raised} alert(s) raised for {Sites} site(s)")]
    public static partial void Ran(ILogger logger, int raised, int sites);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Release alerts pass failed; it will be tried again")]
    public static partial void Failed(ILogger logger, Exception e);
}

/// <summary>The release calendar's services (one line in WebSetup).</summary>
internal static class ReleasesSetup
{
    public static IServiceCollection AddReleases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReleaseCalendar>();
        services.AddScoped<ReleaseAlertJob>();
        if (configuration.GetValue("Releases:RunAlertsInBackground", true))
        {
            services.AddHostedService<ReleaseAlertWorker>();
        }

        return services;
    }
}
