using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Sectarian;

/// <summary>Codes used in URLs and forms for the referrals' kinds and statuses, and the labels of every code.</summary>
internal static class SectarianCodes
{
    public static readonly IReadOnlyDictionary<string, SectarianRequestKind> Kinds = new Dictionary<string, SectarianRequestKind>(StringComparer.Ordinal)
    {
        ["information"] = SectarianRequestKind.Information,
        ["report"] = SectarianRequestKind.Report,
    };

    public static readonly IReadOnlyDictionary<string, SectarianReferralStatus> Statuses = new Dictionary<string, SectarianReferralStatus>(StringComparer.Ordinal)
    {
        ["received"] = SectarianReferralStatus.Received,
        ["answered"] = SectarianReferralStatus.Answered,
        ["closed"] = SectarianReferralStatus.Closed,
    };

    /// <summary>The value of the region select that means "national" (an association serving every region).</summary>
    public const string National = "national";

    /// <summary>The regions of the 101 départements (metropolitan and overseas), in French alphabetical order.</summary>
    public static readonly IReadOnlyList<string> Regions =
        [.. Departements.All.Select(d => d.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false))];

    public static bool IsRegion(string value) => Regions.Contains(value, StringComparer.Ordinal);

    public static string Code(SectarianRequestKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static string Code(SectarianReferralStatus status) => Statuses.First(s => s.Value == status).Key;

    public static string Label(SectarianRequestKind kind) => Enum.IsDefined(kind) ? Texts.Get("sectarian.kind." + Code(kind)) : kind.ToString();

    public static string Label(SectarianReferralStatus status) => Enum.IsDefined(status) ? Texts.Get("sectarian.status." + Code(status)) : status.ToString();

    public static string CriterionLabel(string code) => SectarianCriteria.IsKnown(code) ? Texts.Get("sectarian.criterion." + code) : code;

    public static string DomainLabel(string? code) =>
        code is null ? Texts.Get("sectarian.domain.none") : SectarianDomains.IsKnown(code) ? Texts.Get("sectarian.domain." + code) : code;

    public static string RelationLabel(string? code) =>
        code is null ? Texts.Get("common.none") : CallerRelations.IsKnown(code) ? Texts.Get("sectarian.relation." + code) : code;

    public static string RegionLabel(string? region) => region ?? Texts.Get("sectarian.region-unknown");

    /// <summary>The items of a comma-separated column (criteria codes, association ids).</summary>
    public static IReadOnlyList<string> Split(string list) =>
        list.Length == 0 ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>How long ago, in the largest whole unit ("il y a 3 jours").</summary>
    public static string Age(DateTime now, DateTime since)
    {
        var age = now - since;
        return age.TotalMinutes < 60 ? Texts.Format("sectarian.age-minutes", Math.Max(0, (int)age.TotalMinutes))
            : age.TotalHours < 48 ? Texts.Format("sectarian.age-hours", (int)age.TotalHours)
            : Texts.Format("sectarian.age-days", (int)age.TotalDays);
    }
}
