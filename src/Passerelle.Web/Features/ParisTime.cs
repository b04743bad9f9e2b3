namespace Passerelle.Web.Features;

/// <summary>
/// Metropolitan French time, the one time zone the app reasons and shows in: times typed by
/// users, times shown, the days of consent and meetings, the months of statistics. Times are
/// stored in UTC.
/// </summary>
internal static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The Paris wall-clock time of a UTC instant.</summary>
    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The Paris calendar day of a UTC instant.</summary>
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    /// <summary>A Paris day and time in UTC; a time skipped by the change to summer time moves an hour on.</summary>
    public static DateTime ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
