using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Reviews;

/// <summary>
/// The daily digest of each panel: to every active member with an e-mail, the number of overdue reviews, of
/// reviews due this week, of approvals pending and transfers waiting, the next meeting's date and a link —
/// no name, no case, nothing about a person. Once per département and day: the <see cref="PanelDigest"/>
/// row (key: département, day) is inserted in the same transaction as the outbox messages, so a second
/// run, or another instance at the same moment, fails on the key and sends nothing. No mail when nothing
/// is due. Runs as the system (counts across départements, past the query filters, never reading content).
/// </summary>
internal sealed class PanelDigestJob(PasserelleDb db, AuditLog audit, TimeProvider clock, IConfiguration configuration)
{
    public const string Kind = "panel-digest";

    /// <summary>"This week": today and the next 6 days.</summary>
    public const int WeekDays = 7;

    public sealed record Counts(int Overdue, int DueThisWeek, int PendingApprovals, int IncomingTransfers, DateTime? NextMeeting)
    {
        public bool NothingDue => Overdue == 0 && DueThisWeek == 0 && PendingApprovals == 0 && IncomingTransfers == 0;
    }

    /// <summary>Sends today's digests not sent yet; returns how many départements got one.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var territories = await db.PanelMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Active && m.Email != null && m.Email != string.Empty)
            .Select(m => m.TerritoryCode).Distinct().ToListAsync(ct);
        var sent = 0;
        foreach (var territory in territories.OrderBy(t => t, StringComparer.Ordinal))
        {
            if (await db.PanelDigests.AnyAsync(d => d.TerritoryCode == territory && d.Day == today, ct))
            {
                continue;
            }

            var counts = await CountAsync(territory, today, now, ct);
            if (counts.NothingDue)
            {
                continue;
            }

            var recipients = await db.PanelMembers.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.TerritoryCode == territory && m.Active && m.Email != null && m.Email != string.Empty)
                .Select(m => m.Email!).Distinct().ToListAsync(ct);
            db.PanelDigests.Add(new PanelDigest { TerritoryCode = territory, Day = today, SentAt = now, OverdueCount = counts.Overdue });
            var subject = Subject(territory, today);
            var body = Body(territory, today, counts, configuration["Passerelle:BaseUrl"]);
            foreach (var to in recipients)
            {
                db.OutboxMessages.Add(new OutboxMessage { To = to, Kind = Kind, Subject = subject, Body = body, CreatedAt = now });
            }

            audit.Append("panel.digest-sent", nameof(PanelDigest), null, reason: $"{recipients.Count} recipient(s); overdue {counts.Overdue}", territory: territory);
            try
            {
                await db.SaveChangesAsync(ct);
                sent++;
            }
            catch (DbUpdateException)
            {
                // Another run inserted today's row first (or the database was busy): it sends, or the next run does.
                db.ChangeTracker.Clear();
            }
        }

        return sent;
    }

    /// <summary>The digest's counts for one département (all counts, no row leaves this method).</summary>
    public async Task<Counts> CountAsync(string territory, DateOnly today, DateTime now, CancellationToken ct)
    {
        var open = db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TerritoryCode == territory && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Archived && c.NextReviewOn != null);
        var weekEnd = today.AddDays(WeekDays - 1);
        var overdue = await open.CountAsync(c => c.NextReviewOn < today, ct);
        var week = await open.CountAsync(c => c.NextReviewOn >= today && c.NextReviewOn <= weekEnd, ct);
        var approvals = await db.PanelDecisions.IgnoreQueryFilters().CountAsync(d => d.TerritoryCode == territory && d.Status == DecisionStatus.PendingApproval, ct);
        var transfers = await db.CaseTransfers.IgnoreQueryFilters().CountAsync(t => t.ToTerritory == territory && t.Status == TransferStatus.Pending, ct);
        var meeting = await db.PanelMeetings.IgnoreQueryFilters()
            .Where(m => m.TerritoryCode == territory && m.Status == MeetingStatus.Scheduled && m.ScheduledAt >= now)
            .OrderBy(m => m.ScheduledAt).Select(m => (DateTime?)m.ScheduledAt).FirstOrDefaultAsync(ct);
        return new Counts(overdue, week, approvals, transfers, meeting);
    }

    public static string Subject(string territory, DateOnly day) =>
        $"[Passerelle] GED {territory} — réexamens du {day:dd/MM/yyyy} / Panel {territory} — reviews of {day:yyyy-MM-dd}";

    /// <summary>The digest, in French and English (the member's language is not known): counts, a date and a link only.</summary>
    public static string Body(string territory, DateOnly day, Counts counts, string? baseUrl)
    {
        var link = $"{baseUrl?.TrimEnd('/')}/panel";
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var meetingFr = counts.NextMeeting is { } m ? ParisTime.FromUtc(m).ToString("dddd d MMMM yyyy 'à' HH:mm", fr) : "aucune réunion prévue";
        var meetingEn = counts.NextMeeting is { } n ? ParisTime.FromUtc(n).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (Paris time)" : "no meeting scheduled";
        return $"""
            Point du jour du GED du département {territory} ({day:dd/MM/yyyy}) :
            - réexamens en retard : {counts.Overdue}
            - réexamens à faire cette semaine : {counts.DueThisWeek}
            - décisions en attente d'approbation : {counts.PendingApprovals}
            - transferts entrants en attente : {counts.IncomingTransfers}
            - prochaine réunion : {meetingFr}
            Ouvrir l'accueil du GED (connexion requise) : {link}

            Daily digest of the panel of département {territory} ({day:yyyy-MM-dd}):
            - overdue reviews: {counts.Overdue}
            - reviews due this week: {counts.DueThisWeek}
            - decisions waiting for approval: {counts.PendingApprovals}
            - incoming transfers waiting: {counts.IncomingTransfers}
            - next meeting: {meetingEn}
            Open the panel's home (sign-in required): {link}
            """;
    }
}

/// <summary>
/// Sends the daily digests from <c>Panel:DigestHourUtc</c> (default 6) each day. Every instance runs it; the
/// <see cref="JobLease"/> "panel-digest" lets one pass at a time, and the digest rows make each département's
/// digest go once a day whatever the number of passes or instances.
/// </summary>
internal sealed class PanelDigestWorker(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<PanelDigestWorker> logger) : BackgroundService
{
    public const string LeaseName = "panel-digest";

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hour = Math.Clamp(configuration.GetValue("Panel:DigestHourUtc", 6), 0, 23);
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
                if (await TryTakeLeaseAsync(db, now, JobLease.Instance, stoppingToken))
                {
                    var sent = await scope.ServiceProvider.GetRequiredService<PanelDigestJob>().RunAsync(stoppingToken);
                    DigestLog.Ran(logger, sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DigestLog.Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static Task<bool> TryTakeLeaseAsync(PasserelleDb db, DateTime now, string holder, CancellationToken ct) =>
        JobLease.TryTakeAsync(db, LeaseName, now, Lease, holder, ct);
}

internal static partial class DigestLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Panel digest pass: {Sent} département(s) sent their digest")]
    public static partial void Ran(ILogger logger, int sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Panel digest pass failed; it will be tried again")]
    public static partial void Failed(ILogger logger, Exception e);
}

/// <summary>The services of the panel's reviews, digest and campaigns (one line in WebSetup).</summary>
internal static class ReviewsSetup
{
    public static IServiceCollection AddPanelReviews(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DueReviews>();
        services.AddScoped<PanelDigestJob>();
        services.AddScoped<Campaigns.StartCampaign>();
        services.AddScoped<Features.Campaigns.CampaignProgress>();
        if (configuration.GetValue("Panel:RunDigestInBackground", true))
        {
            services.AddHostedService<PanelDigestWorker>();
        }

        return services;
    }
}
