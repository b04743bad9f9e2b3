using System.Globalization;
using System.Text;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Statistics;

/// <summary>How counts and durations are written on the page and in the CSV.</summary>
internal static class StatisticsFormat
{
    public const string Small = "< 5";
    public const string Secondary = "s";

    public static string Count(Cell cell) => cell.Suppression switch
    {
        Suppression.Small => Small,
        Suppression.Secondary => Secondary,
        _ => cell.Value!.Value.ToString("N0", CultureInfo.CurrentCulture),
    };

    /// <summary>"2 j 5 h", "3 h 20 min", "45 min"; "—" when there is none; the withheld marker when withheld.</summary>
    public static string Duration(TimeSpan? value, bool withheld)
    {
        if (withheld)
        {
            return Texts.Get("statistics.withheld");
        }

        if (value is not { } d)
        {
            return Texts.Get("common.none");
        }

        var minutes = (long)d.TotalMinutes;
        return minutes >= 24 * 60 ? Texts.Format("statistics.days-hours", minutes / (24 * 60), minutes % (24 * 60) / 60)
            : minutes >= 60 ? Texts.Format("statistics.hours-minutes", minutes / 60, minutes % 60)
            : Texts.Format("statistics.minutes", Math.Max(0, minutes));
    }

    /// <summary>Hours with one decimal, for charts and files.</summary>
    public static double? Hours(TimeSpan? value) => value is { } d ? Math.Round(d.TotalHours, 1) : null;
}

/// <summary>
/// The statistics as a CSV file for spreadsheet users, one section per table (title line, header line,
/// rows, totals, blank line), exactly the cells of the page (suppression included).
/// Format chosen for French Excel, whatever the interface language: UTF-8 with a byte-order mark (so accents
/// open correctly), ";" between fields and "," as the decimal separator, CRLF line ends. Fields are quoted
/// when needed, and a field starting with = + - @ is prefixed with ' so a spreadsheet never runs it.
/// </summary>
internal static class StatisticsCsv
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static byte[] Write(StatisticsReport report, string scopeLabel)
    {
        var text = new StringBuilder();
        Line(text, Texts.Get("statistics.title"));
        Line(text, Texts.Get("statistics.period"), StatisticsFilter.MonthCode(report.Filter.FromMonth), StatisticsFilter.MonthCode(report.Filter.ToMonth));
        Line(text, Texts.Get("statistics.scope"), scopeLabel);
        Line(text, Texts.Get("statistics.filter-summary"), report.Filter.Describe());
        if (report.Suppressed)
        {
            Line(text, Texts.Get("statistics.legend-small"));
            Line(text, Texts.Get("statistics.legend-secondary"));
        }

        text.Append("\r\n");
        Counts(text, report.ByMonth);
        if (report.ByTerritory is { } territories)
        {
            Counts(text, territories);
        }

        Counts(text, report.ByUrgency);
        Delays(text, report.DelaysByDoor);
        Delays(text, report.DelaysByUrgency);
        if (report.MiviludesByMonth is { } mvMonth)
        {
            Counts(text, mvMonth);
        }

        if (report.MiviludesByRegion is { } mvRegion)
        {
            Counts(text, mvRegion);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Counts(StringBuilder text, CountTable table)
    {
        Line(text, Texts.Get(table.TitleKey));
        var withTotals = table.RowTotals is not null;
        Line(text, [Texts.Get(table.RowHeaderKey), .. table.Columns.Select(c => c.Label), .. withTotals ? [Texts.Get("statistics.total")] : Array.Empty<string>()]);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            Line(text, [table.Rows[r].Label, .. table.Cells[r].Select(Count), .. withTotals ? [Count(table.RowTotals![r])] : Array.Empty<string>()]);
        }

        Line(text, [Texts.Get("statistics.total"), .. table.ColumnTotals.Select(Count), .. withTotals ? [Count(table.Total)] : Array.Empty<string>()]);
        text.Append("\r\n");
    }

    private static void Delays(StringBuilder text, DelayTable table)
    {
        Line(text, Texts.Get(table.TitleKey));
        Line(text,
            Texts.Get(table.RowHeaderKey), Texts.Get("statistics.received"), Texts.Get("statistics.status.taken"), Texts.Get("statistics.median-hours"),
            Texts.Get("statistics.p90-hours"), Texts.Get("statistics.status.waiting"), Texts.Get("statistics.oldest-hours"), Texts.Get("statistics.status.not-pursued"));
        foreach (var row in table.Rows.Append(table.Total))
        {
            Line(text,
                row.Axis.Label, Count(row.Received), Count(row.TakenInCharge), Hours(row.Median, row.DurationsWithheld), Hours(row.P90, row.DurationsWithheld),
                Count(row.Waiting), Hours(row.OldestWaiting, row.OldestWithheld), Count(row.NotPursued));
        }

        text.Append("\r\n");
    }

    private static string Count(Cell cell) => cell.Suppression switch
    {
        Suppression.Small => StatisticsFormat.Small,
        Suppression.Secondary => StatisticsFormat.Secondary,
        _ => cell.Value!.Value.ToString(CultureInfo.InvariantCulture),
    };

    private static string Hours(TimeSpan? value, bool withheld) =>
        withheld ? Texts.Get("statistics.withheld") : StatisticsFormat.Hours(value) is { } h ? h.ToString("0.0", French) : string.Empty;

    private static void Line(StringBuilder text, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }

            text.Append(Field(fields[i]));
        }

        text.Append("\r\n");
    }

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
