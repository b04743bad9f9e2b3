namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the release calendar and its alerts.</summary>
    private static Dictionary<string, (string Fr, string En)> ReleasesEntries() => new(StringComparer.Ordinal)
    {
    };
}
