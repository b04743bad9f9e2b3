namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of structured assessments and their grids (no score, ever).</summary>
    private static Dictionary<string, (string Fr, string En)> AssessmentsEntries() => new(StringComparer.Ordinal)
    {
    };
}
