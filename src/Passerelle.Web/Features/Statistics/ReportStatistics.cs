using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Statistics;

/// <summary>
/// The statistics of reports (issue 4): counts per door, month, département and urgency, and the time
/// from receipt to being taken in charge, for the page, its CSV and the API alike.
/// <para>
/// Why this is the one place that reads reports past the query filters (<c>IgnoreQueryFilters</c>): the
/// filters on <see cref="Report"/> let only panel members read rows (register compartment), so the
/// national analyst — whose right is "aggregates only" (DESIGN.md, Σ) — would count nothing through
/// <c>db.Reports</c>. How need-to-know still holds here:
/// </para>
/// <list type="bullet">
/// <item>the actor must hold <see cref="Permissions.StatisticsRead"/>, checked here again (not only by the page or route);</item>
/// <item>the query itself is narrowed to the actor's territories unless the actor is national, before any
/// other filter, so a panel member counts only their own départements whatever the request says;</item>
/// <item>only six non-identifying columns are read (door, département, urgency, received, status, taken in
/// charge), and only counts and durations come out: never a row, an id, a name or a free text;</item>
/// <item>everyone but the département's own panel (ged, ged-chair) gets small counts suppressed
/// (<see cref="SmallCountSuppression"/>) and percentiles over fewer than 5 reports withheld; hidden values are
/// dropped here, before anything is rendered or serialised;</item>
/// <item>Miviludes referrals (their own compartment) are counted for the national analyst only, per month
/// and per region, never per département;</item>
/// <item>each view and each export is audited (<c>statistics.viewed</c>, <c>statistics.exported</c>) with the
/// filter codes only, before the answer is served.</item>
/// </list>
/// Red line 2: the only breakdowns are door, month, département, region, urgency and status.
/// <para>
/// Percentiles use the nearest-rank definition: over the n durations sorted ascending, the p-th percentile
/// is the ⌈p × n / 100⌉-th (1-based); the median is the 50th (for an even n, the lower of the two middle
/// values). Every value reported is a duration that actually occurred. They are computed in memory from the
/// (received, taken in charge) pairs of the period: the same code on SQLite and PostgreSQL.
/// </para>
/// </summary>
internal sealed class ReportStatistics(PasserelleDb db, CurrentActor actor, AuditLog audit, TimeProvider clock)
{
    public enum Channel
    {
        Page,
        Csv,
        Api,
    }

    /// <summary>The statuses of a report, in the order the delay tables show them.</summary>
    private static readonly IReadOnlyList<(string Code, ReportStatus Status)> Statuses =
    [
        ("taken", ReportStatus.TakenInCharge),
        ("waiting", ReportStatus.Received),
        ("not-pursued", ReportStatus.NotPursued),
    ];

    private sealed record Fact(ReportSource Door, string Territory, Urgency Urgency, int Month, ReportStatus Status, DateTime ReceivedAt, TimeSpan? Delay);

    /// <summary>
    /// Computes the statistics the current actor may see for <paramref name="filter"/>, and audits the view
    /// or export. Returns null when the actor may not read statistics at all.
    /// </summary>
    public async Task<StatisticsReport?> RunAsync(StatisticsFilter filter, Channel channel, CancellationToken ct)
    {
        var scope = actor.Scope;
        if (!scope.Can(Permissions.StatisticsRead) || scope.IsSystem)
        {
            return null;
        }

        // The département's own panel sees exact counts of its départements; anyone else, aggregates with suppression.
        var exact = scope.Role is Roles.Ged or Roles.GedChair;
        var miviludes = scope.Role == Roles.Analyst;
        var now = clock.GetUtcNow().UtcDateTime;
        var fromUtc = MonthStartUtc(filter.FromMonth);
        var toUtc = MonthStartUtc(filter.ToMonth + 1);

        var reports = db.Reports.IgnoreQueryFilters().AsNoTracking().Where(r => r.ReceivedAt >= fromUtc && r.ReceivedAt < toUtc);
        if (!scope.National)
        {
            var territories = scope.Territories.ToArray();
            reports = reports.Where(r => territories.Contains(r.TerritoryCode));
        }

        if (filter.Territory is { } territory)
        {
            reports = reports.Where(r => r.TerritoryCode == territory);
        }

        if (filter.Door is { } door)
        {
            reports = reports.Where(r => r.Source == door);
        }

        if (filter.Urgency is { } urgency)
        {
            reports = reports.Where(r => r.Urgency == urgency);
        }

        var rows = await reports
            .Select(r => new { r.Source, r.TerritoryCode, r.Urgency, r.ReceivedAt, r.Status, r.TakenInChargeAt })
            .ToListAsync(ct);
        var facts = rows.ConvertAll(r => new Fact(
            r.Source, r.TerritoryCode, r.Urgency, MonthOfUtc(r.ReceivedAt), r.Status, r.ReceivedAt,
            r.Status == ReportStatus.TakenInCharge && r.TakenInChargeAt is { } at ? at - r.ReceivedAt : null));

        List<(DateTime ReceivedAt, string? Region)>? referrals = null;
        if (miviludes)
        {
            var found = await db.SectarianReferrals.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.ReceivedAt >= fromUtc && m.ReceivedAt < toUtc)
                .Select(m => new { m.ReceivedAt, m.Region })
                .ToListAsync(ct);
            referrals = found.ConvertAll(m => (m.ReceivedAt, m.Region));
        }

        var report = Build(filter, facts, referrals, scope, exact, now);

        audit.Append(channel == Channel.Csv ? "statistics.exported" : "statistics.viewed", "Statistics", null,
            reason: $"{channel.ToString().ToLowerInvariant()} {filter.Describe()} {(exact ? "exact" : "suppressed")}");
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// Records a refused request for a département outside the actor's scope (the answer is a validation error
    /// that says nothing of that département's reports). Other input errors are not audited: they read nothing.
    /// </summary>
    public async Task RecordRefusalAsync(IReadOnlyList<Reports.FieldError> errors, Channel channel, CancellationToken ct)
    {
        var refused = errors.FirstOrDefault(e => e.MessageKey == "statistics.error.territory-out-of-scope");
        if (refused is null)
        {
            return;
        }

        await audit.RecordAsync(channel == Channel.Csv ? "statistics.exported" : "statistics.viewed", "Statistics", null, AuditLog.Denied,
            reason: $"{channel.ToString().ToLowerInvariant()} territory={refused.Args[0]} out of scope", ct: ct);
    }

    /// <summary>Nearest-rank percentile (see the class summary): the ⌈p × n / 100⌉-th smallest, 1-based.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, int p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (p * sorted.Count + 99) / 100);
        return sorted[rank - 1];
    }

    public static DateTime MonthStartUtc(int month) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(month / 12, month % 12 + 1, 1, 0, 0, 0, DateTimeKind.Unspecified), ParisTime.Zone); // months of metropolitan French time, as the pages show times

    private static int MonthOfUtc(DateTime utc) => StatisticsFilter.CurrentMonth(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static StatisticsReport Build(StatisticsFilter filter, List<Fact> facts, List<(DateTime ReceivedAt, string? Region)>? referrals, AccessScope scope, bool exact, DateTime now)
    {
        var culture = CultureInfo.CurrentCulture;
        var months = filter.Months.Select(m => new Axis(StatisticsFilter.MonthCode(m),
            new DateTime(m / 12, m % 12 + 1, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", culture))).ToList();
        var doors = StatisticsFilter.Doors.Where(d => filter.Door is null || filter.Door == d.Source)
            .Select(d => (Axis: new Axis(d.Code, Texts.Get("statistics.door." + d.Code)), d.Source)).ToList();
        var urgencies = StatisticsFilter.Urgencies.Where(u => filter.Urgency is null || filter.Urgency == u.Urgency)
            .Select(u => (Axis: new Axis(u.Code, Texts.Get("statistics.urgency." + u.Code)), u.Urgency)).ToList();
        var statuses = Statuses.Select(s => (Axis: new Axis(s.Code, Texts.Get("statistics.status." + s.Code)), s.Status)).ToList();

        var sup = new SmallCountSuppression();
        var byMonth = new Grid("by-month", "statistics.table.by-month", "statistics.month", "m", "d",
            months, doors.ConvertAll(d => d.Axis), f => f.Month - filter.FromMonth, f => doors.FindIndex(d => d.Source == f.Door));
        var byUrgency = new Grid("by-urgency", "statistics.table.by-urgency", "statistics.urgency", "u", "d",
            urgencies.ConvertAll(u => u.Axis), doors.ConvertAll(d => d.Axis), f => urgencies.FindIndex(u => u.Urgency == f.Urgency), f => doors.FindIndex(d => d.Source == f.Door));
        var delayByDoor = new Grid("delay-by-door", "statistics.table.delay-by-door", "statistics.door", "d", "s",
            doors.ConvertAll(d => d.Axis), statuses.ConvertAll(s => s.Axis), f => doors.FindIndex(d => d.Source == f.Door), f => statuses.FindIndex(s => s.Status == f.Status));
        var delayByUrgency = new Grid("delay-by-urgency", "statistics.table.delay-by-urgency", "statistics.urgency", "u", "s",
            urgencies.ConvertAll(u => u.Axis), statuses.ConvertAll(s => s.Axis), f => urgencies.FindIndex(u => u.Urgency == f.Urgency), f => statuses.FindIndex(s => s.Status == f.Status));
        var grids = new List<Grid> { byMonth, byUrgency, delayByDoor, delayByUrgency };

        Grid? byTerritory = null;
        if (scope.National || scope.Territories.Count > 1)
        {
            var codes = scope.National
                ? facts.Select(f => f.Territory).Distinct(StringComparer.Ordinal).ToList()
                : [.. scope.Territories.Where(t => filter.Territory is null || t == filter.Territory)];
            var territories = Departements.All.Where(d => codes.Contains(d.Code, StringComparer.Ordinal))
                .Select(d => new Axis(d.Code, $"{d.Code} — {d.Name}")).ToList();
            byTerritory = new Grid("by-territory", "statistics.table.by-territory", "statistics.territory", "t", null,
                territories, [new Axis("count", Texts.Get("statistics.reports"))], f => territories.FindIndex(t => t.Code == f.Territory), _ => 0);
            grids.Add(byTerritory);
        }

        foreach (var grid in grids)
        {
            grid.Declare(sup, facts);
        }

        Grid? mvByMonth = null, mvByRegion = null;
        List<(int Month, string Region)> mv = [];
        if (referrals is not null)
        {
            mv = referrals.ConvertAll(r => (MonthOfUtc(r.ReceivedAt), r.Region ?? string.Empty));
            var regions = mv.Select(r => r.Region).Distinct(StringComparer.Ordinal).OrderBy(r => r.Length == 0).ThenBy(r => r, StringComparer.Ordinal)
                .Select(r => new Axis(r, r.Length == 0 ? Texts.Get("statistics.region-unknown") : r)).ToList();
            var count = new Axis("count", Texts.Get("statistics.referrals"));
            mvByMonth = new Grid("miviludes-by-month", "statistics.table.miviludes-by-month", "statistics.month", "mv|m", null,
                months, [count], _ => 0, _ => 0, "mv");
            mvByRegion = new Grid("miviludes-by-region", "statistics.table.miviludes-by-region", "statistics.region", "mv|r", null,
                regions, [count], _ => 0, _ => 0, "mv");
            mvByMonth.Declare(sup, mv.ConvertAll(r => r.Month - filter.FromMonth));
            mvByRegion.Declare(sup, mv.ConvertAll(r => regions.FindIndex(x => x.Code == r.Region)));
        }

        if (!exact)
        {
            sup.Apply();
        }

        return new StatisticsReport(
            filter,
            Suppressed: !exact,
            Empty: facts.Count == 0 && mv.Count == 0,
            byMonth.Publish(sup),
            byTerritory?.Publish(sup),
            byUrgency.Publish(sup),
            Delays(delayByDoor, sup, facts, f => doors.FindIndex(d => d.Source == f.Door), exact, now),
            Delays(delayByUrgency, sup, facts, f => urgencies.FindIndex(u => u.Urgency == f.Urgency), exact, now),
            mvByMonth?.Publish(sup),
            mvByRegion?.Publish(sup),
            ShowsMiviludes: referrals is not null);
    }

    private static DelayTable Delays(Grid grid, SmallCountSuppression sup, List<Fact> facts, Func<Fact, int> rowOf, bool exact, DateTime now)
    {
        var table = grid.Publish(sup);
        var rows = new List<DelayRow>();
        for (var i = 0; i <= table.Rows.Count; i++)
        {
            var total = i == table.Rows.Count;
            var mine = total ? facts : facts.Where(f => rowOf(f) == i).ToList();
            var delays = mine.Where(f => f.Delay is not null).Select(f => f.Delay!.Value).Order().ToList();
            var waiting = mine.Where(f => f.Status == ReportStatus.Received).ToList();

            // A percentile over fewer than 5 reports, or the age of one of fewer than 5 waiting, is withheld outside the own panel.
            var durationsShown = exact || delays.Count >= SmallCountSuppression.Threshold;
            var oldestShown = exact || waiting.Count >= SmallCountSuppression.Threshold;
            var cells = total ? table.ColumnTotals : table.Cells[i];
            rows.Add(new DelayRow(
                total ? new Axis("total", Texts.Get("statistics.total")) : table.Rows[i],
                total ? table.Total : table.RowTotals![i],
                cells[0],
                durationsShown ? Percentile(delays, 50) : null,
                durationsShown ? Percentile(delays, 90) : null,
                !durationsShown && delays.Count > 0,
                cells[1],
                oldestShown && waiting.Count > 0 ? now - waiting.Min(f => f.ReceivedAt) : null,
                !oldestShown && waiting.Count > 0,
                cells[2]));
        }

        return new DelayTable(table.Id, table.TitleKey, table.RowHeaderKey, rows.GetRange(0, rows.Count - 1), rows[^1]);
    }

    /// <summary>
    /// A two-way table of counts and its margins, whose counts are named by what they count
    /// ("d=hotline|m=2026-01", "d=hotline", "" for all) so tables sharing a total share its suppression.
    /// A single-column table (<paramref name="columnDimension"/> null) has no row totals.
    /// </summary>
    private sealed class Grid(
        string id, string titleKey, string rowHeaderKey, string rowDimension, string? columnDimension,
        IReadOnlyList<Axis> rows, IReadOnlyList<Axis> columns, Func<Fact, int> rowOf, Func<Fact, int> columnOf, string grandKey = "")
    {
        private int[,] counts = new int[0, 0];

        public void Declare(SmallCountSuppression sup, List<Fact> facts) =>
            Declare(sup, facts.ConvertAll(f => (rowOf(f), columnOf(f))));

        /// <summary>For single-column tables fed with row indexes only.</summary>
        public void Declare(SmallCountSuppression sup, List<int> rowIndexes) =>
            Declare(sup, rowIndexes.ConvertAll(r => (r, 0)));

        public CountTable Publish(SmallCountSuppression sup)
        {
            var cells = new List<IReadOnlyList<Cell>>();
            for (var r = 0; r < rows.Count; r++)
            {
                cells.Add([.. Enumerable.Range(0, columns.Count).Select(c => sup.Publish(CellKey(r, c)))]);
            }

            return new CountTable(
                id, titleKey, rowHeaderKey, rows, columns, cells,
                columnDimension is null ? null : [.. Enumerable.Range(0, rows.Count).Select(r => sup.Publish(RowKey(r)))],
                [.. Enumerable.Range(0, columns.Count).Select(c => sup.Publish(ColumnKey(c)))],
                sup.Publish(grandKey));
        }

        private void Declare(SmallCountSuppression sup, List<(int Row, int Column)> points)
        {
            counts = new int[rows.Count, columns.Count];
            foreach (var (r, c) in points)
            {
                if (r >= 0 && r < rows.Count && c >= 0 && c < columns.Count)
                {
                    counts[r, c]++;
                }
            }

            var rowKeys = Enumerable.Range(0, rows.Count).Select(RowKey).ToList();
            var columnKeys = Enumerable.Range(0, columns.Count).Select(ColumnKey).ToList();
            for (var r = 0; r < rows.Count; r++)
            {
                var rowSum = 0;
                for (var c = 0; c < columns.Count; c++)
                {
                    sup.Count(CellKey(r, c), counts[r, c]);
                    rowSum += counts[r, c];
                }

                sup.Count(rowKeys[r], rowSum);
                if (columnDimension is not null)
                {
                    sup.Line(Enumerable.Range(0, columns.Count).Select(c => CellKey(r, c)), rowKeys[r]);
                }
            }

            if (columnDimension is not null)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    var columnSum = 0;
                    for (var r = 0; r < rows.Count; r++)
                    {
                        columnSum += counts[r, c];
                    }

                    sup.Count(columnKeys[c], columnSum);
                    sup.Line(Enumerable.Range(0, rows.Count).Select(r => CellKey(r, c)), columnKeys[c]);
                }

                sup.Line(columnKeys, grandKey);
            }

            sup.Count(grandKey, points.Count(p => p.Row >= 0 && p.Row < rows.Count && p.Column >= 0 && p.Column < columns.Count));
            sup.Line(rowKeys, grandKey);
        }

        private string RowKey(int r) => $"{rowDimension}={rows[r].Code}";

        private string ColumnKey(int c) => columnDimension is null ? grandKey : $"{columnDimension}={columns[c].Code}";

        private string CellKey(int r, int c) => columnDimension is null ? RowKey(r) : $"{RowKey(r)}|{ColumnKey(c)}";
    }
}

/// <summary>A row or column heading: a stable code (CSV, API) and its label in the request's language.</summary>
internal sealed record Axis(string Code, string Label);

/// <summary>
/// A published table of counts: rows × columns, row totals (null for a single-column table), column totals
/// and the grand total. Hidden cells carry no value.
/// </summary>
internal sealed record CountTable(
    string Id, string TitleKey, string RowHeaderKey, IReadOnlyList<Axis> Rows, IReadOnlyList<Axis> Columns,
    IReadOnlyList<IReadOnlyList<Cell>> Cells, IReadOnlyList<Cell>? RowTotals, IReadOnlyList<Cell> ColumnTotals, Cell Total);

/// <summary>
/// One line of a delay table: reports received, taken in charge (with median and 90th percentile of the
/// time it took), still waiting (with the age of the oldest) and closed as not pursued. A withheld
/// duration is null with its flag set.
/// </summary>
internal sealed record DelayRow(
    Axis Axis, Cell Received, Cell TakenInCharge, TimeSpan? Median, TimeSpan? P90, bool DurationsWithheld,
    Cell Waiting, TimeSpan? OldestWaiting, bool OldestWithheld, Cell NotPursued);

internal sealed record DelayTable(string Id, string TitleKey, string RowHeaderKey, IReadOnlyList<DelayRow> Rows, DelayRow Total);

/// <summary>Everything one statistics answer holds: counts and durations only.</summary>
internal sealed record StatisticsReport(
    StatisticsFilter Filter,
    bool Suppressed,
    bool Empty,
    CountTable ByMonth,
    CountTable? ByTerritory,
    CountTable ByUrgency,
    DelayTable DelaysByDoor,
    DelayTable DelaysByUrgency,
    CountTable? MiviludesByMonth,
    CountTable? MiviludesByRegion,
    bool ShowsMiviludes);
