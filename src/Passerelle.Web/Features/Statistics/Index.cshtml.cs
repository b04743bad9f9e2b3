using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Statistics;

/// <summary>
/// The statistics of reports (issue 4): filters, charts (Chart.js, each with its table as text
/// alternative), tables and the CSV download (<c>?handler=Csv</c>, same filters, same cells).
/// </summary>
[Authorize(Policy = Permissions.StatisticsRead)]
internal sealed class IndexModel(ReportStatistics statistics, CurrentActor actor, TimeProvider clock) : PageModel
{
    public StatisticsReport? Report { get; private set; }

    public AccessScope Scope => actor.Scope;

    /// <summary>The values typed in, shown back in the form (Razor encodes them).</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    /// <summary>The départements the actor may choose among; empty when there is no choice to make.</summary>
    public IReadOnlyList<Territory> TerritoryChoices =>
        Scope.National ? Departements.All
        : Scope.Territories.Count > 1 ? [.. Departements.All.Where(d => Scope.Territories.Contains(d.Code, StringComparer.Ordinal))]
        : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RunAsync(ReportStatistics.Channel.Page, ct) is { } failed)
        {
            return failed;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await RunAsync(ReportStatistics.Channel.Csv, ct) is { } failed)
        {
            return failed;
        }

        var f = Report!.Filter;
        Response.Headers.CacheControl = "no-store";
        return File(StatisticsCsv.Write(Report, PageHelpers.TerritoriesOf(Scope)), "text/csv; charset=utf-8",
            $"statistiques-signalements-{StatisticsFilter.MonthCode(f.FromMonth)}-{StatisticsFilter.MonthCode(f.ToMonth)}.csv");
    }

    /// <summary>The query string of the current filters (for the CSV link).</summary>
    public string CsvLink()
    {
        var f = Report!.Filter;
        var query = new Dictionary<string, string?>
        {
            ["handler"] = "Csv",
            ["from"] = StatisticsFilter.MonthCode(f.FromMonth),
            ["to"] = StatisticsFilter.MonthCode(f.ToMonth),
            ["territory"] = f.Territory,
            ["door"] = f.Door is { } d ? StatisticsFilter.Code(d) : null,
            ["urgency"] = f.Urgency is { } u ? StatisticsFilter.Code(u) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/statistics", query.Where(q => q.Value is not null));
    }

    /// <summary>The charts' data (labels and values as published: a hidden cell is a gap), read by statistics.js.</summary>
    public string ChartData()
    {
        var r = Report!;
        var charts = new List<object>
        {
            new
            {
                id = "chart-by-month",
                stacked = true,
                unit = Texts.Get("statistics.reports"),
                labels = r.ByMonth.Rows.Select(m => m.Label),
                datasets = r.ByMonth.Columns.Select((c, i) => new { label = c.Label, data = r.ByMonth.Cells.Select(row => row[i].Value) }),
            },
            new
            {
                id = "chart-delay",
                stacked = false,
                unit = Texts.Get("statistics.hours"),
                labels = r.DelaysByDoor.Rows.Select(d => d.Axis.Label),
                datasets = new[]
                {
                    new { label = Texts.Get("statistics.median-hours"), data = r.DelaysByDoor.Rows.Select(d => StatisticsFormat.Hours(d.Median)) },
                    new { label = Texts.Get("statistics.p90-hours"), data = r.DelaysByDoor.Rows.Select(d => StatisticsFormat.Hours(d.P90)) },
                },
            },
        };
        if (r.MiviludesByMonth is { } mv)
        {
            charts.Add(new
            {
                id = "chart-miviludes",
                stacked = false,
                unit = Texts.Get("statistics.referrals"),
                labels = mv.Rows.Select(m => m.Label),
                datasets = new[] { new { label = Texts.Get("statistics.referrals"), data = mv.Cells.Select(row => row[0].Value) } },
            });
        }

        // The default encoder escapes < > & ' as \uXXXX, so the JSON cannot close its <script> element.
        return JsonSerializer.Serialize(new { charts });
    }

    private async Task<IActionResult?> RunAsync(ReportStatistics.Channel channel, CancellationToken ct)
    {
        Values = StatisticsFilter.Fields.ToDictionary(f => f, f => Request.Query.TryGetValue(f, out var v) && v.Count == 1 ? v[0] ?? string.Empty : string.Empty);
        var (filter, errors) = StatisticsFilter.Parse(Request.Query, Scope, clock.GetUtcNow().UtcDateTime);
        if (filter is null)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Field, Texts.Format(error.MessageKey, error.Args));
            }

            await statistics.RecordRefusalAsync(errors, channel, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = await statistics.RunAsync(filter, channel, ct);
        if (Report is null)
        {
            return Forbid();
        }

        Values = new Dictionary<string, string>
        {
            ["from"] = StatisticsFilter.MonthCode(filter.FromMonth),
            ["to"] = StatisticsFilter.MonthCode(filter.ToMonth),
            ["territory"] = filter.Territory ?? string.Empty,
            ["door"] = filter.Door is { } d ? StatisticsFilter.Code(d) : string.Empty,
            ["urgency"] = filter.Urgency is { } u ? StatisticsFilter.Code(u) : string.Empty,
        };
        return null;
    }
}
