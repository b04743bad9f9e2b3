using System.Globalization;
using Passerelle.Web.Features.Programme.Releases;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

/// <summary>
/// <c>GET /api/v1/programme/releases?months=&amp;page=</c>: the caller's release calendar (expected releases of the
/// départements their site covers, up to <c>months</c> ahead, 1–24, default 24; past-due ones first), 25 a page,
/// with the alerts on top. Each release returned is audited as the page does.
/// </summary>
internal static class ReleasesApi
{
    public static void MapReleases(this RouteGroupBuilder v1)
    {
        var releases = v1.MapGroup("/programme/releases").WithTags("Programme").RequireAuthorization(Permissions.ProgrammeRead);
        releases.MapGet("/", ListAsync).WithName("ListPrisonReleases").ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(HttpContext context, ReleaseCalendar calendar, CancellationToken ct, string? months = null, string? page = null)
    {
        var errors = new List<FieldError>();
        var horizon = ReleaseCalendar.CalendarMonths;
        if (months is not null && (!int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out horizon) || horizon < 1 || horizon > ReleaseCalendar.CalendarMonths))
        {
            errors.Add(new("months", "releases.error.months"));
        }

        var pageNumber = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1 || pageNumber > 100_000))
        {
            errors.Add(new("page", "error.page-invalid"));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await calendar.ListAsync(new ReleaseCalendar.Filter(null, false, pageNumber, horizon), "api", ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new
        {
            today = result.Today,
            until = result.Horizon,
            alerts = result.Alerts.Select(Item),
            alertTotal = result.AlertTotal,
            items = result.Rows.Select(Item),
            page = Math.Min(pageNumber, result.PageCount),
            pageSize = ReleaseCalendar.PageSize,
            total = result.Total,
        });
    }

    private static object Item(ReleaseCalendar.Row r) => new
    {
        id = r.Id,
        releaseOn = r.ReleaseOn,
        establishment = r.Establishment,
        territory = r.Territory,
        givenName = r.GivenName,
        surname = r.Surname,
        birthYear = r.BirthYear,
        takeover = new { prepared = r.Prepared, participantId = r.ParticipantId, note = r.TakeoverNote },
        sixMonthAlertAt = r.SixMonthAlertAt,
        threeMonthAlertAt = r.ThreeMonthAlertAt,
        alerting = r.Alerting,
        pastDue = r.PastDue,
        version = r.Version,
    };
}
