using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Passerelle.Domain;

/// <summary>
/// A date of birth as it is reported: the year alone ("2001"), year and month ("2001-05") or a full
/// date ("2001-05-04"). Reports often know only part of it; we never invent the missing parts.
/// </summary>
public readonly record struct PartialDate
{
    public const int MinYear = 1900;

    public PartialDate(int year, int? month = null, int? day = null)
    {
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }

    public int? Month { get; }

    public int? Day { get; }

    public static bool TryParse(string? text, DateOnly today, [NotNullWhen(true)] out PartialDate? value)
    {
        value = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 10)
        {
            return false;
        }

        var parts = text.Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2))
        {
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        int? month = null;
        int? day = null;
        if (parts.Length > 1)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                return false;
            }

            month = m;
        }

        if (parts.Length > 2)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            {
                return false;
            }

            day = d;
        }

        var candidate = new PartialDate(year, month, day);
        if (!candidate.IsValid(today))
        {
            return false;
        }

        value = candidate;
        return true;
    }

    public static PartialDate? FromParts(int? year, int? month, int? day) =>
        year is { } y ? new PartialDate(y, month, day) : null;

    /// <summary>True when the parts form a real calendar date (or prefix of one) not after <paramref name="today"/>.</summary>
    public bool IsValid(DateOnly today)
    {
        if (Year < MinYear || Year > today.Year)
        {
            return false;
        }

        if (Month is null)
        {
            return Day is null;
        }

        if (Month is < 1 or > 12)
        {
            return false;
        }

        if (Year == today.Year && Month > today.Month)
        {
            return false;
        }

        if (Day is null)
        {
            return true;
        }

        if (Day < 1 || Day > DateTime.DaysInMonth(Year, Month.Value))
        {
            return false;
        }

        return new DateOnly(Year, Month.Value, Day.Value) <= today;
    }

    public override string ToString() => (Month, Day) switch
    {
        (null, _) => Year.ToString("D4", CultureInfo.InvariantCulture),
        ({ } m, null) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}"),
        ({ } m, { } d) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}-{d:D2}"),
    };
}
