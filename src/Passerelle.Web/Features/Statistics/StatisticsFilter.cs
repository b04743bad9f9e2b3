using System.Globalization;
using Microsoft.Extensions.Primitives;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Statistics;

/// <summary>
/// What a statistics request asks for: a period of whole months (Paris time), and optionally one
/// département, one door and one urgency. The page, the CSV and the API read the same query
/// parameters (<c>from</c>, <c>to</c>, <c>territory</c>, <c>door</c>, <c>urgency</c>) through
/// <see cref="Parse"/>, so they accept and refuse exactly the same input.
/// </summary>
internal sealed record StatisticsFilter(int FromMonth, int ToMonth, string? Territory, ReportSource? Door, Urgency? Urgency)
{
    /// <summary>The longest period one request may cover: five years (60 months), so a request stays cheap.</summary>
    public const int MaxMonths = 60;

    /// <summary>The default period: the last 12 months, the current one included.</summary>
    public const int DefaultMonths = 12;

    /// <summary>No report predates the platform; a year before 2000 is a typing error.</summary>
    private const int FirstYear = 2000;

    public static readonly string[] Fields = ["from", "to", "territory", "door", "urgency"];

    /// <summary>The doors of the register's reports (the fifth door, the Miviludes form, is counted apart).</summary>
    public static readonly IReadOnlyList<(string Code, ReportSource Source)> Doors =
    [
        ("hotline", ReportSource.Hotline),
        ("public-form", ReportSource.PublicForm),
        ("professional", ReportSource.Professional),
        ("agency", ReportSource.Agency),
        ("panel", ReportSource.Panel),
    ];

    public static readonly IReadOnlyList<(string Code, Urgency Urgency)> Urgencies =
    [
        ("routine", Domain.Urgency.Routine),
        ("priority", Domain.Urgency.Priority),
        ("urgent", Domain.Urgency.Urgent),
        ("imminent", Domain.Urgency.Imminent),
    ];

    public static string Code(ReportSource door) => Doors.First(d => d.Source == door).Code;

    public static string Code(Urgency urgency) => Urgencies.First(u => u.Urgency == urgency).Code;

    /// <summary>A month as "yyyy-MM".</summary>
    public static string MonthCode(int month) => string.Create(CultureInfo.InvariantCulture, $"{month / 12:D4}-{month % 12 + 1:D2}");

    /// <summary>Months are counted from year 0: year × 12 + (month − 1).</summary>
    public static int MonthOf(int year, int month) => year * 12 + month - 1;

    public int MonthCount => ToMonth - FromMonth + 1;

    public IEnumerable<int> Months => Enumerable.Range(FromMonth, MonthCount);

    /// <summary>What the request asked for, for the audit log and file names: codes only, never free text.</summary>
    public string Describe() =>
        $"from={MonthCode(FromMonth)} to={MonthCode(ToMonth)} territory={Territory ?? "all"} door={(Door is { } d ? Code(d) : "all")} urgency={(Urgency is { } u ? Code(u) : "all")}";

    /// <summary>
    /// Reads and checks the query. Every error is reported on its parameter with a message key; an
    /// unknown value is never echoed back. A département outside the actor's scope is refused (it is
    /// not silently widened or narrowed), with the same answer whether or not it holds reports.
    /// </summary>
    public static (StatisticsFilter? Filter, IReadOnlyList<FieldError> Errors) Parse(IQueryCollection query, AccessScope scope, DateTime nowUtc)
    {
        var errors = new List<FieldError>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var raw = query.TryGetValue(field, out var v) ? v : StringValues.Empty;
            if (raw.Count > 1)
            {
                errors.Add(new(field, "statistics.error.repeated"));
                continue;
            }

            var text = raw.Count == 0 ? null : raw[0]?.Trim();
            values[field] = string.IsNullOrEmpty(text) ? null : text;
        }

        var current = CurrentMonth(nowUtc);
        var from = Month(errors, "from", values.GetValueOrDefault("from"));
        var to = Month(errors, "to", values.GetValueOrDefault("to"));
        if (to > current)
        {
            errors.Add(new("to", "statistics.error.future"));
        }

        if (from > current && !errors.Any(e => e.Field == "from"))
        {
            errors.Add(new("from", "statistics.error.future"));
        }

        var toMonth = to ?? current;
        var fromMonth = from ?? toMonth - (DefaultMonths - 1);

        if (!errors.Any(e => e.Field is "from" or "to"))
        {
            if (fromMonth > toMonth)
            {
                errors.Add(new("from", "statistics.error.order"));
            }
            else if (toMonth - fromMonth + 1 > MaxMonths)
            {
                errors.Add(new("from", "statistics.error.span", MaxMonths / 12));
            }
        }

        string? territory = null;
        if (values.GetValueOrDefault("territory") is { } t)
        {
            var known = Departements.All.FirstOrDefault(d => string.Equals(d.Code, t, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(new("territory", "statistics.error.territory-unknown"));
            }
            else if (!scope.CoversTerritory(known.Code))
            {
                errors.Add(new("territory", "statistics.error.territory-out-of-scope", known.Code));
            }
            else
            {
                territory = known.Code;
            }
        }

        ReportSource? door = null;
        if (values.GetValueOrDefault("door") is { } dc)
        {
            var match = Doors.Where(d => string.Equals(d.Code, dc, StringComparison.OrdinalIgnoreCase)).Select(d => (ReportSource?)d.Source).FirstOrDefault();
            if (match is null)
            {
                errors.Add(new("door", "statistics.error.door-unknown"));
            }

            door = match;
        }

        Urgency? urgency = null;
        if (values.GetValueOrDefault("urgency") is { } uc)
        {
            var match = Urgencies.Where(u => string.Equals(u.Code, uc, StringComparison.OrdinalIgnoreCase)).Select(u => (Urgency?)u.Urgency).FirstOrDefault();
            if (match is null)
            {
                errors.Add(new("urgency", "statistics.error.urgency-unknown"));
            }

            urgency = match;
        }

        return errors.Count > 0 ? (null, errors) : (new StatisticsFilter(fromMonth, toMonth, territory, door, urgency), errors);
    }

    /// <summary>The month of <paramref name="utc"/> on the Paris calendar.</summary>
    public static int CurrentMonth(DateTime utc)
    {
        var local = ParisTime.FromUtc(utc);
        return MonthOf(local.Year, local.Month);
    }

    /// <summary>Strictly "yyyy-MM" (what an HTML month input sends), year 2000 or later.</summary>
    private static int? Month(List<FieldError> errors, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length == 7 && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12 && year >= FirstYear)
        {
            return MonthOf(year, month);
        }

        errors.Add(new(field, "statistics.error.month-format"));
        return null;
    }
}
