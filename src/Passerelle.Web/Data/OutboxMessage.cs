using Microsoft.EntityFrameworkCore;
namespace Passerelle.Web.Data;

/// <summary>
/// An e-mail to send, written in the same transaction as the change that calls for it (an imminent-danger
/// alert, a Miviludes answer), so a message is never lost nor sent for a change that was rolled back. A
/// background sender takes a lease on a row, sends it and marks it sent; another instance takes over a
/// lease that has passed.
/// </summary>
internal sealed class OutboxMessage
{
    public const int MaxBodyLength = 20_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string To { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    /// <summary>What it is about, for the audit and the tests (e.g. "duty-alert", "sectarian-answer").</summary>
    public required string Kind { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>Until when an instance holds this message for sending.</summary>
    public DateTime? LeaseUntil { get; set; }

    public string? LeaseHolder { get; set; }
}

/// <summary>A named lease so a background job runs on one instance at a time (several instances share one database).</summary>
internal sealed class JobLease
{
    /// <summary>This instance, as it signs its leases (machine and process, at most 100 characters).</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}" is { Length: > 100 } name ? name[..100] : $"{Environment.MachineName}:{Environment.ProcessId}";

    public required string Name { get; init; }

    public string? Holder { get; set; }

    public DateTime Until { get; set; }

    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="interval"/> when it has run out (or does not exist
    /// yet); false when another instance holds it. The one lease mechanism of every background job.
    /// </summary>
    public static async Task<bool> TryTakeAsync(PasserelleDb db, string name, DateTime now, TimeSpan interval, string holder, CancellationToken ct)
    {
        if (!await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            try
            {
                db.JobLeases.Add(new JobLease { Name = name, Holder = holder, Until = now + interval });
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another instance created it first
                return false;
            }
        }

        var until = now + interval;
        return await db.JobLeases.Where(l => l.Name == name && l.Until <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, until).SetProperty(l => l.Holder, holder), ct) == 1;
    }
}

/// <summary>The report of one retention run (red line 5): what was deleted, when, under which rule.</summary>
internal sealed class RetentionRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTime RanAt { get; init; }

    public required string Rule { get; init; }

    public int Deleted { get; init; }

    /// <summary>Ids of the deleted records, comma-separated (kept so the purge can be accounted for).</summary>
    public string DeletedIds { get; init; } = string.Empty;

    public required string RunBy { get; init; }
}
