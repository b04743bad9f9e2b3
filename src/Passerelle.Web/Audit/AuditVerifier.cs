using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Data;

namespace Passerelle.Web.Audit;

/// <summary>Recomputes the hash chain from the first event and names the first link that does not hold.</summary>
internal static class AuditVerifier
{
    public sealed record Result(long Checked, long? BrokenAt, string? Problem)
    {
        public bool Holds => BrokenAt is null;
    }

    public static async Task<Result> VerifyAsync(PasserelleDb db, CancellationToken ct = default)
    {
        long expected = 1;
        var prev = AuditEvent.GenesisHash;
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Seq != expected)
            {
                return new Result(expected - 1, expected, $"event #{expected} is missing (next stored event is #{e.Seq})");
            }

            if (!string.Equals(e.PrevHash, prev, StringComparison.Ordinal))
            {
                return new Result(expected - 1, e.Seq, $"event #{e.Seq} does not follow event #{e.Seq - 1} (previous hash differs: deleted, inserted or reordered)");
            }

            if (!string.Equals(e.ComputeHash(), e.Hash, StringComparison.Ordinal))
            {
                return new Result(expected - 1, e.Seq, $"event #{e.Seq} was altered (its content no longer matches its hash)");
            }

            prev = e.Hash;
            expected++;
        }

        return new Result(expected - 1, null, null);
    }
}
