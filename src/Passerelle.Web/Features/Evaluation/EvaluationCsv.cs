using System.Globalization;
using System.Text;
using Passerelle.Web.Features.Statistics;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Evaluation;

/// <summary>
/// The evaluation as a CSV file, always suppressed (it leaves the screen): the comparison table, then each site's
/// curve at yearly points. The statistics' format (StatisticsCsv): UTF-8 with a byte-order mark, ";" between fields,
/// "," as decimal separator, CRLF; a field starting with = + - @ is prefixed with ' so a spreadsheet never runs it.
/// Proportions and bounds are in percent with one decimal; a withheld one is written as the withheld marker.
/// </summary>
internal static class EvaluationCsv
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static byte[] Write(EvaluationPublication publication, EvaluationReport report)
    {
        var text = new StringBuilder();
        Line(text, Texts.Get("evaluation.title"));
        Line(text, Texts.Get("evaluation.filter-summary"), report.Filter.Describe());
        Line(text, Texts.Get("evaluation.computed-on"), report.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line(text, Texts.Get("statistics.legend-small"));
        Line(text, Texts.Get("statistics.legend-secondary"));
        Line(text, Texts.Get("evaluation.legend-withheld"));
        text.Append("\r\n");

        Line(text, Texts.Get("evaluation.table.comparison"));
        Line(text,
            Texts.Get("evaluation.col.site"), Texts.Get("evaluation.col.cohort"), Texts.Get("evaluation.col.enrolled"), Texts.Get("evaluation.col.known"),
            Texts.Get("evaluation.col.terrorism"), Texts.Get("evaluation.csv.percent"), Texts.Get("evaluation.csv.lower"), Texts.Get("evaluation.csv.upper"),
            Texts.Get("evaluation.col.other"), Texts.Get("evaluation.csv.percent"), Texts.Get("evaluation.csv.lower"), Texts.Get("evaluation.csv.upper"),
            Texts.Get("evaluation.col.under-follow-up"), Texts.Get("evaluation.col.left-early"));
        foreach (var row in publication.Total is { } total ? publication.Rows.Append(total) : publication.Rows)
        {
            Line(text, [
                row.Site ?? Texts.Get("evaluation.all-sites"),
                row.Cohort is { } c ? c.ToString(CultureInfo.InvariantCulture) : Texts.Get("evaluation.all-cohorts"),
                Count(row.Enrolled), Count(row.Known),
                .. Rate(row.Terrorism), .. Rate(row.Other),
                Count(row.UnderFollowUp), Count(row.LeftEarly)]);
        }

        text.Append("\r\n");
        foreach (var curve in publication.Curves)
        {
            Line(text, Texts.Format("evaluation.table.curve", curve.City), Texts.Get("evaluation.col.participants"), Count(curve.Subjects),
                Texts.Get("evaluation.col.median"), curve.MedianWithheld ? Texts.Get("statistics.withheld") : curve.MedianMonths is { } m ? m.ToString("0.0", French) : Texts.Get("evaluation.median-not-reached"));
            Line(text,
                Texts.Get("evaluation.col.months"), Texts.Get("evaluation.col.at-risk"), Texts.Get("evaluation.col.events-so-far"),
                Texts.Get("evaluation.col.survival"), Texts.Get("evaluation.csv.lower"), Texts.Get("evaluation.csv.upper"));
            foreach (var p in curve.Points)
            {
                Line(text,
                    p.Months.ToString(CultureInfo.InvariantCulture), Count(p.AtRisk), Count(p.Events),
                    Percent(p.Survival, p.Withheld), Percent(p.Lower, p.Withheld), Percent(p.Upper, p.Withheld));
            }

            text.Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string[] Rate(Rate rate) =>
        rate.Withheld
            ? [Count(rate.Count), Texts.Get("statistics.withheld"), Texts.Get("statistics.withheld"), Texts.Get("statistics.withheld")]
            : [Count(rate.Count), Percent(rate.Estimate, false), Percent(rate.Interval?.Lower, false), Percent(rate.Interval?.Upper, false)];

    private static string Percent(double? value, bool withheld) =>
        withheld ? Texts.Get("statistics.withheld") : value is { } v ? (v * 100).ToString("0.0", French) : string.Empty;

    private static string Count(Cell cell) => cell.Suppression switch
    {
        Suppression.Small => StatisticsFormat.Small,
        Suppression.Secondary => StatisticsFormat.Secondary,
        _ => cell.Value!.Value.ToString(CultureInfo.InvariantCulture),
    };

    private static void Line(StringBuilder text, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }

            var value = fields[i];
            if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
            {
                value = "'" + value;
            }

            text.Append(value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);
        }

        text.Append("\r\n");
    }
}
