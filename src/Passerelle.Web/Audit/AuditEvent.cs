using System.ComponentModel.DataAnnotations.Schema;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Passerelle.Web.Audit;

/// <summary>
/// One line of the append-only, hash-chained audit log: who did what to which object, when, with
/// what outcome and why. No personal payload (no names, no search terms): identifiers only.
/// </summary>
internal sealed class AuditEvent
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Position in the chain, 1, 2, 3…; assigned when the event is stored.</summary>
    public long Seq { get; set; }

    public DateTime At { get; set; }

    public required string UserId { get; init; }

    public required string Role { get; init; }

    public required string Territory { get; init; }

    public required string Action { get; init; }

    public required string ObjectType { get; init; }

    public string? ObjectId { get; init; }

    public required string Outcome { get; init; }

    public string? Reason { get; init; }

    public string? CorrelationId { get; init; }

    public string PrevHash { get; set; } = GenesisHash;

    public string Hash { get; set; } = string.Empty;

    /// <summary>Order in which events were appended in this unit of work (not stored).</summary>
    [NotMapped]
    public long AppendOrder { get; init; }

    /// <summary>The event's fields in a fixed order, one per line; timestamps to the millisecond in UTC.</summary>
    public string Canonical() => string.Join(
        '\n',
        Seq.ToString(CultureInfo.InvariantCulture),
        At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        UserId,
        Role,
        Territory,
        Action,
        ObjectType,
        ObjectId ?? string.Empty,
        Outcome,
        Reason ?? string.Empty,
        CorrelationId ?? string.Empty);

    /// <summary>h_i = SHA-256(h_{i-1} || canonical event), hex.</summary>
    public string ComputeHash() => ComputeHash(PrevHash, Canonical());

    public static string ComputeHash(string prevHash, string canonical)
    {
        var bytes = Encoding.UTF8.GetBytes(prevHash + canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Timestamps are stored to the millisecond so every database gives back exactly what was hashed.</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
