namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of retention runs.</summary>
    private static Dictionary<string, (string Fr, string En)> RetentionEntries() => new(StringComparer.Ordinal)
    {
    };
}
