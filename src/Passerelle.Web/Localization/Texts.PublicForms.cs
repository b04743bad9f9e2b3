namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the public forms (radicalisation concern, sectarian-drift referral) and the partner's report.</summary>
    private static Dictionary<string, (string Fr, string En)> PublicFormsEntries() => new(StringComparer.Ordinal)
    {
    };
}
