using System.Globalization;
using Passerelle.Domain.Statistics;
using Passerelle.Web.Features.Statistics;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Evaluation;

/// <summary>
/// A recidivism proportion as published: the count (participants with such an offence in their window) over the
/// known outcomes, with the exact (Clopper–Pearson) 95 % interval and, for 0, the one-sided 95 % upper bound.
/// <see cref="Withheld"/> when the count or its denominator is suppressed (no interval is computed on a hidden cell);
/// no estimate when no outcome is known yet.
/// </summary>
internal sealed record Rate(Cell Count, Cell Of, double? Estimate, Interval? Interval, double? OneSidedUpper, bool Withheld);

internal sealed record PublishedRow(string? Site, string Label, int? Cohort, Cell Enrolled, Cell Known, Rate Terrorism, Rate Other, Cell UnderFollowUp, Cell LeftEarly);

/// <summary>The curve at a whole number of months: number still at risk, new offences so far, Ŝ and its band (withheld with suppressed counts).</summary>
internal sealed record PublishedPoint(int Months, Cell AtRisk, Cell Events, double? Survival, double? Lower, double? Upper, bool Withheld);

internal sealed record PublishedCurve(string Site, string City, Cell Subjects, Cell Events, IReadOnlyList<PublishedPoint> Points, double? MedianMonths, bool MedianWithheld);

/// <summary>
/// The evaluation as it may leave the screen (CSV, API) or be shown (page). Exported, every count from 1 to 4 is
/// suppressed ("&lt; 5") with secondary suppression (<see cref="SmallCountSuppression"/>, the statistics' rule, reused)
/// over the table's additive lines: within a row, known + still under follow-up + left early = enrolled; down a
/// site, its cohorts add up to the site's total; the sites' totals add up to the grand total. A proportion or an
/// interval computed on a hidden cell is withheld. The curves are published at yearly points (at risk, new
/// offences so far, Ŝ and its band); the offences of each year are declared as hidden members of the line
/// "offences so far at year k − 1 + offences in year k = offences so far at year k", so a small yearly count cannot be
/// recomputed by subtraction; Ŝ is withheld where the offences so far or the number at risk are hidden.
/// On the analyst's own screen the counts are exact and the page marks those under 5 (<see cref="IsSmall"/>).
/// Limit, stated: as for the statistics, differencing two answers with overlapping filters is not prevented.
/// </summary>
internal sealed record EvaluationPublication(bool Suppressed, IReadOnlyList<PublishedRow> Rows, PublishedRow? Total, IReadOnlyList<PublishedCurve> Curves)
{
    /// <summary>Days in a mean Gregorian month (365.25 / 12): follow-up times are shown in months.</summary>
    public const double DaysPerMonth = 30.4375;

    /// <summary>The curves are published once a year of follow-up.</summary>
    public const int PointEveryMonths = 12;

    /// <summary>An exact count the analyst's screen marks as not for publication.</summary>
    public static bool IsSmall(Cell cell) => cell.Value is > 0 and < SmallCountSuppression.Threshold;

    public static EvaluationPublication Publish(EvaluationReport report, bool suppress)
    {
        var sup = new SmallCountSuppression();
        var all = report.Total is { } t ? report.Rows.Append(t).ToList() : [.. report.Rows];
        foreach (var row in all)
        {
            var c = row.Counts;
            sup.Count(Key("n", row), c.Enrolled);
            sup.Count(Key("known", row), c.Known);
            sup.Count(Key("tr", row), c.Terrorism);
            sup.Count(Key("other", row), c.Other);
            sup.Count(Key("under", row), c.UnderFollowUp);
            sup.Count(Key("left", row), c.LeftEarly);
            sup.Line([Key("known", row), Key("under", row), Key("left", row)], Key("n", row));
        }

        string[] measures = ["n", "known", "tr", "other", "under", "left"];
        foreach (var site in report.Rows.Where(r => r.Cohort is null))
        {
            var cohorts = report.Rows.Where(r => r.Site == site.Site && r.Cohort is not null).ToList();
            foreach (var m in measures)
            {
                sup.Line(cohorts.Select(r => Key(m, r)), Key(m, site));
            }
        }

        if (report.Total is { } total)
        {
            foreach (var m in measures)
            {
                sup.Line(report.Rows.Where(r => r.Cohort is null).Select(r => Key(m, r)), Key(m, total));
            }
        }

        var grids = report.Curves.ToDictionary(c => c.Site, c => Grid(c.Curve), StringComparer.Ordinal);
        foreach (var curve in report.Curves)
        {
            var grid = grids[curve.Site];
            sup.Count(CurveKey(curve.Site, "subjects", null), curve.Curve.Subjects);
            sup.Count(CurveKey(curve.Site, "events", null), curve.Curve.Events);
            for (var i = 0; i < grid.Count; i++)
            {
                sup.Count(CurveKey(curve.Site, "risk", grid[i].Months), grid[i].AtRisk);
                sup.Count(CurveKey(curve.Site, "events", grid[i].Months), grid[i].Events);
                if (i > 0)
                {
                    var during = CurveKey(curve.Site, "during", grid[i].Months);
                    sup.Count(during, grid[i].Events - grid[i - 1].Events);
                    sup.Line([CurveKey(curve.Site, "events", grid[i - 1].Months), during], CurveKey(curve.Site, "events", grid[i].Months));
                }
            }
        }

        if (suppress)
        {
            sup.Apply();
        }

        var rows = report.Rows.Select(r => Row(r, sup, suppress)).ToList();
        var curves = report.Curves.Select(c => Curve(c, grids[c.Site], sup)).ToList();
        return new EvaluationPublication(suppress, rows, report.Total is { } tot ? Row(tot, sup, suppress) : null, curves);
    }

    /// <summary>"0 sur 64 : 0 % (IC 95 % 0–5,6 %)" — never a bare percentage; "&lt; 5" and "withheld" when suppressed.</summary>
    public static string Describe(Rate rate)
    {
        if (rate.Withheld)
        {
            return Texts.Format("evaluation.rate-withheld", StatisticsFormat.Count(rate.Count), StatisticsFormat.Count(rate.Of));
        }

        if (rate.Estimate is not { } p || rate.Interval is not { } ci)
        {
            return Texts.Get("evaluation.rate-none");
        }

        var text = Texts.Format("evaluation.rate", rate.Count.Value!.Value, rate.Of.Value!.Value, Percent(p), Percent(ci.Lower), Percent(ci.Upper));
        return rate.OneSidedUpper is { } upper ? text + " " + Texts.Format("evaluation.rate-one-sided", Percent(upper)) : text;
    }

    /// <summary>A proportion in percent with at most one decimal ("0", "5,6", "12,5"), in the request's language.</summary>
    public static string Percent(double proportion) => (proportion * 100).ToString("0.#", CultureInfo.CurrentCulture);

    public static string Months(double days) => (days / DaysPerMonth).ToString("0.#", CultureInfo.CurrentCulture);

    private static string Key(string measure, CohortRow row) =>
        string.Create(CultureInfo.InvariantCulture, $"{measure}|s={row.Site ?? "all"}|c={(row.Cohort is { } c ? c.ToString(CultureInfo.InvariantCulture) : "all")}");

    private static string CurveKey(string site, string measure, int? months) =>
        string.Create(CultureInfo.InvariantCulture, $"km|s={site}|{measure}|m={(months is { } m ? m.ToString(CultureInfo.InvariantCulture) : "all")}");

    private static PublishedRow Row(CohortRow row, SmallCountSuppression sup, bool suppress)
    {
        var known = sup.Publish(Key("known", row));
        return new PublishedRow(
            row.Site,
            row.Site is null ? Texts.Get("evaluation.all-sites") : row.Cohort is { } year ? Texts.Format("evaluation.row-cohort", row.City!, year) : Texts.Format("evaluation.row-site-total", row.City!),
            row.Cohort,
            sup.Publish(Key("n", row)),
            known,
            RateOf(sup.Publish(Key("tr", row)), known, suppress),
            RateOf(sup.Publish(Key("other", row)), known, suppress),
            sup.Publish(Key("under", row)),
            sup.Publish(Key("left", row)));
    }

    private static Rate RateOf(Cell count, Cell of, bool suppress)
    {
        if (suppress && (count.Value is null || of.Value is null))
        {
            return new Rate(count, of, null, null, null, true);
        }

        var (x, n) = (count.Value!.Value, of.Value!.Value);
        return n == 0
            ? new Rate(count, of, null, null, null, false)
            : new Rate(count, of, (double)x / n, ClopperPearson.TwoSided(x, n), x == 0 ? ClopperPearson.UpperBound(0, n) : null, false);
    }

    private sealed record GridPoint(int Months, int AtRisk, int Events, double Survival, double? Lower, double? Upper);

    /// <summary>The curve read at 0, 12, 24… months, up to the longest follow-up observed.</summary>
    private static List<GridPoint> Grid(SurvivalCurve curve)
    {
        var points = new List<GridPoint>();
        if (curve.Steps.Count == 0)
        {
            return points;
        }

        var longest = curve.Steps[^1].Time;
        for (var months = 0; months * DaysPerMonth <= longest; months += PointEveryMonths)
        {
            var day = months * DaysPerMonth;

            // At risk at that point: subjects whose observed time reaches it; events so far: those up to it.
            var atRisk = curve.Steps.Where(s => s.Time >= day).Select(s => s.AtRisk).FirstOrDefault();
            var events = curve.Steps.Where(s => s.Time <= day).Sum(s => s.Events);
            var last = curve.Steps.LastOrDefault(s => s.Time <= day);
            points.Add(new GridPoint(months, atRisk, events, last?.Survival ?? 1, last?.Lower, last?.Upper));
        }

        return points;
    }

    private static PublishedCurve Curve(SiteCurve curve, List<GridPoint> grid, SmallCountSuppression sup)
    {
        var points = grid.ConvertAll(g =>
        {
            var atRisk = sup.Publish(CurveKey(curve.Site, "risk", g.Months));
            var events = sup.Publish(CurveKey(curve.Site, "events", g.Months));
            var withheld = atRisk.Value is null || events.Value is null;
            return withheld
                ? new PublishedPoint(g.Months, atRisk, events, null, null, null, true)
                : new PublishedPoint(g.Months, atRisk, events, g.Survival, g.Lower, g.Upper, false);
        });
        var total = sup.Publish(CurveKey(curve.Site, "events", null));
        var medianWithheld = total.Value is null;
        return new PublishedCurve(
            curve.Site, curve.City, sup.Publish(CurveKey(curve.Site, "subjects", null)), total, points,
            medianWithheld || curve.Curve.Median is not { } m ? null : Math.Round(m / DaysPerMonth, 1), medianWithheld);
    }
}
