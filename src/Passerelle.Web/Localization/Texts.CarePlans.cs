namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of care plans, sessions, families, health notes and the case page's compartment flags.</summary>
    private static Dictionary<string, (string Fr, string En)> CarePlansEntries() => new(StringComparer.Ordinal)
    {
    };
}
