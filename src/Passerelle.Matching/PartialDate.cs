using System.Globalization;

namespace Passerelle.Matching;

/// <summary>
/// A date of birth that may be known only to the year or to the month: registers often hold
/// "born in 1994" and the comparator must treat that as compatible with any 1994 date.
/// </summary>
public readonly record struct PartialDate
{
    /// <summary>Creates a partial date; a day needs a month.</summary>
    public PartialDate(int year, int? month = null, int? day = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month));
        if (day is not null && (month is null || day < 1 || day > DateTime.DaysInMonth(year, month.Value)))
            throw new ArgumentOutOfRangeException(nameof(day));
        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>The year, always known.</summary>
    public int Year { get; }

    /// <summary>The month, when known.</summary>
    public int? Month { get; }

    /// <summary>The day of month, when known (implies a month).</summary>
    public int? Day { get; }

    /// <summary>True when year, month and day are all known.</summary>
    public bool IsComplete => Day is not null;

    /// <summary>
    /// Parses YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY or YYYY (leading and trailing spaces allowed,
    /// as in FEBRL files). Returns null for blank or unparseable text: a bad date is treated as
    /// missing rather than failing a whole batch.
    /// </summary>
    public static PartialDate? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        return s.Length switch
        {
            8 when s.All(char.IsAsciiDigit) => Create(s[..4], s[4..6], s[6..8]),
            10 when s[4] == '-' && s[7] == '-' => Create(s[..4], s[5..7], s[8..10]),
            10 when s[2] == '/' && s[5] == '/' => Create(s[6..10], s[3..5], s[..2]),
            7 when s[4] == '-' => Create(s[..4], s[5..7], null),
            4 => Create(s, null, null),
            _ => null,
        };
    }

    private static PartialDate? Create(string year, string? month, string? day)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1) return null;
        int? m = null, d = null;
        if (month is not null)
        {
            if (!int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var mm) || mm is < 1 or > 12) return null;
            m = mm;
        }
        if (day is not null)
        {
            if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var dd) || m is null
                || dd < 1 || dd > DateTime.DaysInMonth(y, m.Value)) return null;
            d = dd;
        }
        return new PartialDate(y, m, d);
    }

    /// <summary>ISO form: YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    public override string ToString() => (Month, Day) switch
    {
        (null, _) => Year.ToString("D4", CultureInfo.InvariantCulture),
        ({ } m, null) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}"),
        ({ } m, { } d) => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}-{d:D2}"),
    };
}
