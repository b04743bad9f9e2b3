using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.PublicForms;

/// <summary>
/// The one-time key of a public form (a hidden field made when the form opens): the first submission
/// stores its record and the key's receipt in one transaction; a double click, a retry or a resubmitted
/// page gets the same receipt and stores nothing more. Two submissions racing with one key: the second
/// fails on the key's primary key and is rolled back, then answered with the first one's receipt.
/// </summary>
internal sealed class PublicFormKeys(PasserelleDb db, TimeProvider clock)
{
    /// <summary>The <see cref="IdempotencyRecord.UserId"/> of every public submission.</summary>
    public const string UserId = "public";

    /// <summary>Who records a public submission: no user, no permission, any département may be chosen.</summary>
    public static readonly AccessScope Scope = new("public-form", "public-form", true, []);

    public static string KeyOf(Guid formKey) => "form:" + formKey.ToString("N");

    /// <summary>The receipt already given for this form key, or null.</summary>
    public async Task<string?> ReceiptOfAsync(Guid formKey, CancellationToken ct)
    {
        var key = KeyOf(formKey);
        return await db.IdempotencyRecords.AsNoTracking()
            .Where(r => r.UserId == UserId && r.Key == key && r.StatusCode != IdempotencyRecord.InFlight)
            .Select(r => r.ResponseBody)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Runs <paramref name="write"/> (which saves and returns the receipt) once per form key.</summary>
    public async Task<string> RecordOnceAsync(Guid formKey, string receiptPage, Func<CancellationToken, Task<string>> write, CancellationToken ct)
    {
        if (await ReceiptOfAsync(formKey, ct) is { } earlier)
        {
            return earlier;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var receipt = await write(ct);
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                UserId = UserId,
                Key = KeyOf(formKey),
                RequestHash = string.Empty,
                StatusCode = StatusCodes.Status303SeeOther,
                ContentType = "text/html",
                ResponseBody = receipt,
                Location = receiptPage,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return receipt;
        }
        catch (DbUpdateException)
        {
            // The same key was committed meanwhile by a concurrent submission: this one was rolled back.
            db.ChangeTracker.Clear();
            for (var attempt = 0; attempt < 10; attempt++)
            {
                if (await ReceiptOfAsync(formKey, ct) is { } first)
                {
                    return first;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }

            throw;
        }
    }
}
