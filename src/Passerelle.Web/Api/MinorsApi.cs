using Passerelle.Web.Features.Minors;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

/// <summary>
/// <c>GET /api/v1/minors/due</c>: the returning minors' protocols of the caller's territory whose mandatory review is
/// overdue or due within <see cref="MinorProtocols.DueDays"/> days, oldest review first (panel only: <c>minors.write</c>).
/// Each person listed is audited, as on the pages.
/// </summary>
internal static class MinorsApi
{
    public const int MaxRows = 200;

    public static void MapMinors(this RouteGroupBuilder v1)
    {
        var minors = v1.MapGroup("/minors").WithTags("Returning minors").RequireAuthorization(Permissions.MinorsWrite);
        minors.MapGet("/due", GetDueAsync).WithName("GetMinorsDue");
    }

    private static async Task<IResult> GetDueAsync(HttpContext context, MinorProtocols protocols, CancellationToken ct)
    {
        var today = protocols.Today;
        var (overdue, due) = await protocols.CountDueAsync(ct);
        var rows = await protocols.DueAsync(MaxRows, "api: returning minors' reviews due", ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new
        {
            today,
            overdue,
            due,
            protocols = rows.Select(r => new
            {
                id = r.Id,
                caseId = r.CaseId,
                territory = r.TerritoryCode,
                person = r.PersonLabel,
                nextReviewOn = r.NextReviewOn,
                state = r.NextReviewOn < today ? "overdue" : "due",
                daysOverdue = r.NextReviewOn < today ? today.DayNumber - r.NextReviewOn.DayNumber : 0,
            }),
        });
    }
}
