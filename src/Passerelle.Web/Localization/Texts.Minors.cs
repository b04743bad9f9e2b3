namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the returning minors' protocol.</summary>
    private static Dictionary<string, (string Fr, string En)> MinorsEntries() => new(StringComparer.Ordinal)
    {
    };
}
