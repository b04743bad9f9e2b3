namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of transfers between panels, the case page's timeline and the retention of closed cases.</summary>
    private static Dictionary<string, (string Fr, string En)> TransfersEntries() => new(StringComparer.Ordinal)
    {
    };
}
