namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the panel's home, due reviews, the daily digest and review campaigns.</summary>
    private static Dictionary<string, (string Fr, string En)> ReviewsEntries() => new(StringComparer.Ordinal)
    {
    };
}
