using System.Globalization;
using Passerelle.Domain;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Programme.Releases;

/// <summary>How the calendar words a release (dates, names, statuses, alerts).</summary>
internal static class ReleaseLabels
{
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Month(DateOnly day)
    {
        var text = day.ToString("MMMM yyyy", CultureInfo.CurrentCulture);
        return char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];
    }

    public static string Person(string givenName, string surname, int? birthYear) =>
        birthYear is { } y
            ? Texts.Format("releases.person-born", surname.ToUpper(CultureInfo.CurrentCulture), givenName, y)
            : $"{surname.ToUpper(CultureInfo.CurrentCulture)} {givenName}";

    public static string Status(ReleaseStatus status) => Texts.Get(status switch
    {
        ReleaseStatus.Released => "releases.status.released",
        ReleaseStatus.Cancelled => "releases.status.cancelled",
        _ => "releases.status.expected",
    });

    public static string Alert(ReleaseCalendar.Row row) =>
        Texts.Get(row.ThreeMonthAlertAt is not null ? "releases.alert-3" : "releases.alert-6");

    /// <summary>A takeover note shortened for a table cell (the page of the release shows it whole).</summary>
    public static string Short(string note) => note.Length <= 80 ? note : note[..79] + "…";
}
