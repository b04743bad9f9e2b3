namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the outcome evaluation.</summary>
    private static Dictionary<string, (string Fr, string En)> EvaluationEntries() => new(StringComparer.Ordinal)
    {
    };
}
