namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the statistics of reports.</summary>
    private static Dictionary<string, (string Fr, string En)> StatisticsEntries() => new(StringComparer.Ordinal)
    {
    };
}
