using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Care;

/// <summary>Saves a care change with its audit event; false when a concurrent change won (nothing is written).</summary>
internal static class CareSave
{
    public static async Task<bool> TryAsync(PasserelleDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // A concurrency token moved, or the unique referral → plan index refused a second plan.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

/// <summary>The message of a care domain error, in the reader's language.</summary>
internal static class CareErrors
{
    public static string Message(DomainError error) => error switch
    {
        CareTextTooLong tooLong => Texts.Format("care-plan.error.too-long", tooLong.Max),
        _ => Texts.Get("care-plan.error." + error.Code["care.".Length..]),
    };
}
