namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the disengagement programme's participants.</summary>
    private static Dictionary<string, (string Fr, string En)> ProgrammeEntries() => new(StringComparer.Ordinal)
    {
    };
}
