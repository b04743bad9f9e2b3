using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Mail;

/// <summary>
/// Delivers the outbox (<see cref="OutboxMessage"/>): each pass leases a batch of unsent messages
/// (a conditional update, so two instances never send the same message), sends them and marks them sent.
/// A failure is recorded on the message and retried later with a growing delay; a lease left by a dead
/// instance passes after <see cref="Lease"/> and the message is taken over. A message may, rarely, be
/// sent twice (sent, then the instance dies before marking it): at-least-once, never lost.
/// </summary>
internal sealed class OutboxSender(PasserelleDb db, IMailSender mail, TimeProvider clock, ILogger<OutboxSender> logger)
{
    public const int BatchSize = 20;

    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Sends what is due; returns the number of messages sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Id, m.LeaseUntil })
            .Take(BatchSize)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var candidate in due)
        {
            // Take the lease only if nobody took it since we looked.
            var until = now + Lease;
            var taken = await db.OutboxMessages
                .Where(m => m.Id == candidate.Id && m.SentAt == null && m.LeaseUntil == candidate.LeaseUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.LeaseHolder, JobLease.Instance), ct);
            if (taken == 0)
            {
                continue;
            }

            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == candidate.Id, ct);
            try
            {
                await mail.SendAsync(message.To, message.Subject, message.Body, ct);
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime).SetProperty(m => m.Attempts, message.Attempts + 1).SetProperty(m => m.LastError, (string?)null), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Retry later: 1, 2, 4 … minutes, at most an hour.
                var delay = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(message.Attempts, 6))));
                var error = e.GetType().Name + ": " + e.Message;
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Attempts, message.Attempts + 1)
                        .SetProperty(m => m.LastError, error.Length > 2000 ? error[..2000] : error)
                        .SetProperty(m => m.LeaseUntil, clock.GetUtcNow().UtcDateTime + delay), ct);
                OutboxLog.NotSent(logger, message.Id, message.Kind, message.Attempts + 1, error);
            }
        }

        return sent;
    }
}

/// <summary>Polls the outbox in the background (every instance; the per-message lease keeps sends single).</summary>
internal sealed class OutboxWorker(IServiceScopeFactory scopes, MailOptions options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds)));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(AccessScope.System);
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be restarting: try again at the next tick.
                OutboxLog.PassFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

internal static class MailSetup
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Mail").Get<MailOptions>() ?? new MailOptions();
        builder.Services.AddSingleton(options);
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            builder.Services.AddSingleton<IMailSender, PickupDirectoryMailSender>();
        }
        else
        {
            builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
        }

        builder.Services.AddScoped<OutboxSender>();
        if (options.PollSeconds > 0)
        {
            builder.Services.AddHostedService<OutboxWorker>();
        }

        return builder;
    }
}

internal static partial class OutboxLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Kind}) not sent, attempt {Attempt}: {Error}")]
    public static partial void NotSent(ILogger logger, Guid id, string kind, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox pass failed; it will be tried again")]
    public static partial void PassFailed(ILogger logger, Exception e);
}
