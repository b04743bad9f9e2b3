using Passerelle.Web.Features.Statistics;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

/// <summary>
/// <c>GET /api/v1/statistics/reports?from=yyyy-MM&amp;to=yyyy-MM[&amp;territory=&amp;door=&amp;urgency=]</c>: the
/// aggregates of the statistics page as JSON, with the same filters, scope and suppression. A hidden count
/// has <c>value: null</c> and <c>suppression: "small"</c> (1 to 4) or <c>"secondary"</c>; durations are whole minutes.
/// </summary>
internal static class StatisticsApi
{
    public static void MapStatistics(this RouteGroupBuilder v1)
    {
        var statistics = v1.MapGroup("/statistics").WithTags("Statistics").RequireAuthorization(Permissions.StatisticsRead);
        statistics.MapGet("/reports", GetReportsAsync).WithName("GetReportStatistics").ProducesValidationProblem();
    }

    private static async Task<IResult> GetReportsAsync(HttpContext context, ReportStatistics statistics, CurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var (filter, errors) = StatisticsFilter.Parse(context.Request.Query, actor.Scope, clock.GetUtcNow().UtcDateTime);
        if (filter is null)
        {
            await statistics.RecordRefusalAsync(errors, ReportStatistics.Channel.Api, ct);
            return Problems.Validation(errors);
        }

        var report = await statistics.RunAsync(filter, ReportStatistics.Channel.Api, ct);
        if (report is null)
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "statistics.forbidden");
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new
        {
            period = new { from = StatisticsFilter.MonthCode(filter.FromMonth), to = StatisticsFilter.MonthCode(filter.ToMonth), timeZone = "Europe/Paris" },
            territory = filter.Territory,
            door = filter.Door is { } d ? StatisticsFilter.Code(d) : null,
            urgency = filter.Urgency is { } u ? StatisticsFilter.Code(u) : null,
            suppression = new { applied = report.Suppressed, threshold = SmallCountSuppression.Threshold },
            empty = report.Empty,
            byMonth = Table(report.ByMonth),
            byTerritory = report.ByTerritory is { } t ? Table(t) : null,
            byUrgency = Table(report.ByUrgency),
            delaysByDoor = Delays(report.DelaysByDoor),
            delaysByUrgency = Delays(report.DelaysByUrgency),
            miviludesByMonth = report.MiviludesByMonth is { } mm ? Table(mm) : null,
            miviludesByRegion = report.MiviludesByRegion is { } mr ? Table(mr) : null,
        });
    }

    private static object Table(CountTable table) => new
    {
        rows = table.Rows.Select(Axis),
        columns = table.Columns.Select(Axis),
        cells = table.Cells.Select(row => row.Select(Cell)),
        rowTotals = table.RowTotals?.Select(Cell),
        columnTotals = table.ColumnTotals.Select(Cell),
        total = Cell(table.Total),
    };

    private static object Delays(DelayTable table) => new
    {
        rows = table.Rows.Select(Delay),
        total = Delay(table.Total),
    };

    private static object Delay(DelayRow row) => new
    {
        code = row.Axis.Code,
        label = row.Axis.Label,
        received = Cell(row.Received),
        takenInCharge = Cell(row.TakenInCharge),
        medianMinutes = Minutes(row.Median),
        p90Minutes = Minutes(row.P90),
        durationsWithheld = row.DurationsWithheld,
        waiting = Cell(row.Waiting),
        oldestWaitingMinutes = Minutes(row.OldestWaiting),
        oldestWithheld = row.OldestWithheld,
        notPursued = Cell(row.NotPursued),
    };

    private static object Axis(Axis axis) => new { code = axis.Code, label = axis.Label };

    private static object Cell(Cell cell) => new
    {
        value = cell.Value,
        suppression = cell.Suppression switch
        {
            Suppression.Small => "small",
            Suppression.Secondary => "secondary",
            _ => null,
        },
    };

    private static long? Minutes(TimeSpan? value) => value is { } d ? (long)d.TotalMinutes : null;
}
