using Passerelle.Domain;

namespace Passerelle.Web.Data;

/// <summary>
/// The disengagement programme's sites, seeded by the migrations as reference data: the four open sites
/// (Paris, Marseille, Lyon, Lille) cover every département between them, by region, so no release falls
/// outside a site's calendar; Nice and Strasbourg are asked for (planned) and already list the départements
/// they will take over.
/// </summary>
internal static class ProgrammeSiteData
{
    private static readonly Dictionary<string, string> SiteByRegion = new(StringComparer.Ordinal)
    {
        ["Île-de-France"] = "PAR",
        ["Centre-Val de Loire"] = "PAR",
        ["Normandie"] = "PAR",
        ["Bretagne"] = "PAR",
        ["Pays de la Loire"] = "PAR",
        ["Nouvelle-Aquitaine"] = "PAR",
        ["Provence-Alpes-Côte d'Azur"] = "MRS",
        ["Corse"] = "MRS",
        ["Occitanie"] = "MRS",
        ["Auvergne-Rhône-Alpes"] = "LYS",
        ["Bourgogne-Franche-Comté"] = "LYS",
        ["Hauts-de-France"] = "LIL",
        ["Grand Est"] = "LIL",
    };

    private static string Covered(string site) => string.Join(',', Departements.All
        .Where(d => SiteByRegion.TryGetValue(d.Region, out var s) ? s == site : site == "PAR")
        .Select(d => d.Code));

    public static readonly IReadOnlyList<ProgrammeSite> All =
    [
        new() { Code = "PAR", Name = "Site de Paris", City = "Paris", TerritoryCode = "75", CoveredTerritories = Covered("PAR"), Capacity = 60, ContactEmail = "programme-paris@demo.passerelle.fr" },
        new() { Code = "MRS", Name = "Site de Marseille", City = "Marseille", TerritoryCode = "13", CoveredTerritories = Covered("MRS"), Capacity = 30, ContactEmail = "programme-marseille@demo.passerelle.fr" },
        new() { Code = "LYS", Name = "Site de Lyon", City = "Lyon", TerritoryCode = "69", CoveredTerritories = Covered("LYS"), Capacity = 30, ContactEmail = "programme-lyon@demo.passerelle.fr" },
        new() { Code = "LIL", Name = "Site de Lille", City = "Lille", TerritoryCode = "59", CoveredTerritories = Covered("LIL"), Capacity = 30, ContactEmail = "programme-lille@demo.passerelle.fr" },
        new() { Code = "NCE", Name = "Site de Nice", City = "Nice", TerritoryCode = "06", CoveredTerritories = "06", Capacity = 20, Status = SiteStatus.Planned },
        new() { Code = "SXB", Name = "Site de Strasbourg", City = "Strasbourg", TerritoryCode = "67", CoveredTerritories = "67,68", Capacity = 20, Status = SiteStatus.Planned },
    ];

    /// <summary>The open site that takes a département's referrals and releases (every département has one).</summary>
    public static ProgrammeSite ForTerritory(string territory) =>
        All.First(s => s.Status == SiteStatus.Open && s.Covered.Contains(territory, StringComparer.Ordinal));
}
