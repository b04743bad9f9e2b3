namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of the panel: members, meetings, agenda, attendance, decisions, approvals, minutes.</summary>
    private static Dictionary<string, (string Fr, string En)> PanelEntries() => new(StringComparer.Ordinal)
    {
    };
}
