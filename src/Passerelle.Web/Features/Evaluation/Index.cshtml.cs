using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Evaluation;

/// <summary>
/// The outcome evaluation (issue 6, analyst): filters, the comparison table of sites × cohorts with exact intervals,
/// Kaplan–Meier curves per site (Chart.js, each with its table as text alternative), and the CSV download
/// (<c>?handler=Csv</c>, same filters, small counts suppressed). The screen shows exact counts, marking those under 5.
/// </summary>
[Authorize(Policy = Permissions.EvaluationRead)]
internal sealed class IndexModel(ProgrammeEvaluation evaluation, TimeProvider clock) : PageModel
{
    public EvaluationReport? Report { get; private set; }

    public EvaluationPublication? Shown { get; private set; }

    /// <summary>The values typed in, shown back in the form (Razor encodes them).</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public int CurrentYear => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).Year;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RunAsync(ProgrammeEvaluation.Channel.Page, ct) is { } failed)
        {
            return failed;
        }

        Shown = EvaluationPublication.Publish(Report!, suppress: false);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await RunAsync(ProgrammeEvaluation.Channel.Csv, ct) is { } failed)
        {
            return failed;
        }

        var f = Report!.Filter;
        Response.Headers.CacheControl = "no-store";
        var name = string.Create(CultureInfo.InvariantCulture, $"evaluation-programme-{f.Site?.ToLowerInvariant() ?? "tous-sites"}-{(f.Cohort is { } c ? c.ToString(CultureInfo.InvariantCulture) : "toutes-cohortes")}.csv");
        return File(EvaluationCsv.Write(EvaluationPublication.Publish(Report, suppress: true), Report), "text/csv; charset=utf-8", name);
    }

    /// <summary>The query string of the current filters (for the CSV link).</summary>
    public string CsvLink()
    {
        var f = Report!.Filter;
        var query = new Dictionary<string, string?>
        {
            ["handler"] = "Csv",
            ["site"] = f.Site,
            ["cohort"] = f.Cohort?.ToString(CultureInfo.InvariantCulture),
            ["offence"] = f.Offence == OffenceScope.Any ? null : EvaluationFilter.Code(f.Offence),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/evaluation", query.Where(q => q.Value is not null));
    }

    /// <summary>The curves' data (months, Ŝ and band in percent; null where undefined), read by evaluation.js.</summary>
    public string ChartData()
    {
        var curves = Report!.Curves.Select(c =>
        {
            var points = new List<object> { new { x = 0.0, y = (double?)100, lower = (double?)null, upper = (double?)null } };
            points.AddRange(c.Curve.Steps.Where(s => s.Events > 0).Select(s => new
            {
                x = Math.Round(s.Time / EvaluationPublication.DaysPerMonth, 2),
                y = (double?)Math.Round(s.Survival * 100, 1),
                lower = s.Lower is { } l ? Math.Round(l * 100, 1) : (double?)null,
                upper = s.Upper is { } u ? Math.Round(u * 100, 1) : (double?)null,
            }));
            var end = c.Curve.Steps.Count > 0 ? c.Curve.Steps[^1] : null;
            if (end is not null)
            {
                var last = c.Curve.Steps.LastOrDefault(s => s.Events > 0);
                points.Add(new
                {
                    x = Math.Round(end.Time / EvaluationPublication.DaysPerMonth, 2),
                    y = (double?)Math.Round((last?.Survival ?? 1) * 100, 1),
                    lower = last?.Lower is { } l ? Math.Round(l * 100, 1) : (double?)null,
                    upper = last?.Upper is { } u ? Math.Round(u * 100, 1) : (double?)null,
                });
            }

            return new { id = "chart-" + c.Site.ToLowerInvariant(), points };
        });

        // The default encoder escapes < > & ' as \uXXXX, so the JSON cannot close its <script> element.
        return JsonSerializer.Serialize(new
        {
            labels = new
            {
                survival = Texts.Get("evaluation.chart.survival"),
                band = Texts.Get("evaluation.chart.band-lower"),
                bandUpper = Texts.Get("evaluation.chart.band-upper"),
                x = Texts.Get("evaluation.chart.x"),
                y = Texts.Get("evaluation.chart.y"),
            },
            curves,
        });
    }

    private async Task<IActionResult?> RunAsync(ProgrammeEvaluation.Channel channel, CancellationToken ct)
    {
        Values = EvaluationFilter.Fields.ToDictionary(f => f, f => Request.Query.TryGetValue(f, out var v) && v.Count == 1 ? v[0] ?? string.Empty : string.Empty);
        var (filter, errors) = EvaluationFilter.Parse(Request.Query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (filter is null)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Field, Texts.Format(error.MessageKey, error.Args));
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = await evaluation.RunAsync(filter, channel, ct);
        if (Report is null)
        {
            return Forbid();
        }

        Values = new Dictionary<string, string>
        {
            ["programme"] = EvaluationFilter.Programme,
            ["site"] = filter.Site ?? string.Empty,
            ["cohort"] = filter.Cohort?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            ["offence"] = filter.Offence == OffenceScope.Any ? string.Empty : EvaluationFilter.Code(filter.Offence),
        };
        return null;
    }
}
