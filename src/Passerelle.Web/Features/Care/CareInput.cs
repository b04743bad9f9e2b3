using System.Globalization;

namespace Passerelle.Web.Features.Care;

/// <summary>Parsing of the care forms' dates and numbers (strings bound as typed, so malformed input gets a clear message).</summary>
internal static class CareInput
{
    public static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>A date-time typed in Paris time ("2026-05-04T14:30"), returned in UTC.</summary>
    public static DateTime? LocalDateTime(string? value)
    {
        if (!DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ParisTime.Zone);
        }
        catch (ArgumentException)
        {
            return null; // a time skipped by the change to summer time
        }
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string LocalIso(DateTime utc) => ParisTime.FromUtc(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);
}
