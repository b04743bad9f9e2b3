namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the Miviludes analysts' queue, answers, classification and associations.</summary>
    private static Dictionary<string, (string Fr, string En)> SectarianEntries() => new(StringComparer.Ordinal)
    {
    };
}
