using System.Security.Claims;

namespace Passerelle.Web.Security;

/// <summary>
/// What the current actor may see, derived from role and territory claims. The DbContext's query
/// filters read it, so every query (list, search, count, export, detail, API) is narrowed in SQL.
/// The default is <see cref="Nobody"/>: a forgotten scope returns nothing rather than everything.
/// </summary>
internal sealed record AccessScope(string? UserId, string Role, bool National, IReadOnlyList<string> Territories)
{
    public const string NationalValue = "national";
    public const string TerritoriesClaim = "passerelle:territories";

    /// <summary>How long hotline operators and partners may read back the reports they recorded.</summary>
    public static readonly TimeSpan OwnReportsWindow = TimeSpan.FromDays(30);

    public static readonly AccessScope Nobody = new(null, string.Empty, false, []);

    /// <summary>The command line and start-up seeding act as the system, outside any user's scope.</summary>
    public static readonly AccessScope System = new("system", "system", true, []);

    public bool IsSystem => ReferenceEquals(this, System) || Role == "system";

    public bool Can(string permission) => IsSystem || Permissions.Has(Role, permission);

    public bool CoversTerritory(string code) => National || Territories.Contains(code, StringComparer.Ordinal);

    /// <summary>The territory an action is recorded against in the audit log.</summary>
    public string AuditTerritory => National ? NationalValue : string.Join(',', Territories);

    public static AccessScope From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Nobody;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = principal.FindFirstValue(ClaimTypes.Role) ?? string.Empty;
        var (national, territories) = ParseTerritories(principal.FindFirstValue(TerritoriesClaim));
        return userId is null || !Roles.IsKnown(role) ? Nobody : new AccessScope(userId, role, national, territories);
    }

    public static (bool National, string[] Territories) ParseTerritories(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (false, []);
        }

        if (string.Equals(value.Trim(), NationalValue, StringComparison.OrdinalIgnoreCase))
        {
            return (true, []);
        }

        return (false, value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
