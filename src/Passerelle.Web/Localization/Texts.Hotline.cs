namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the hotline console, duty alerts and family referrals.</summary>
    private static Dictionary<string, (string Fr, string En)> HotlineEntries() => new(StringComparer.Ordinal)
    {
    };
}
