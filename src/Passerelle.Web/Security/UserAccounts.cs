using Microsoft.AspNetCore.Identity;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Security;

/// <summary>Creating accounts, shared by the administrator's pages, the command line and the demo seed.</summary>
internal static class UserAccounts
{
    public sealed record Outcome(AppUser? User, IReadOnlyList<string> Errors);

    /// <summary>Normalises a territory scope ("59, 62" → "59,62"; "national"); null when a code is not a département.</summary>
    public static string? NormaliseTerritories(string? value)
    {
        var (national, codes) = AccessScope.ParseTerritories(value);
        if (national)
        {
            return AccessScope.NationalValue;
        }

        if (codes.Length == 0 || codes.Any(c => !Departements.All.Any(d => string.Equals(d.Code, c, StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        return string.Join(',', codes.Select(c => c.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal));
    }

    public static async Task<Outcome> CreateAsync(IServiceProvider services, string email, string displayName, string role, string territories, string password, bool twoFactorEnabled = false)
    {
        var errors = new List<string>();
        if (!Roles.IsKnown(role))
        {
            errors.Add($"unknown role '{role}' (expected one of: {string.Join(", ", Roles.All)})");
        }

        var scope = NormaliseTerritories(territories);
        if (scope is null)
        {
            errors.Add($"invalid territory scope '{territories}' (département codes such as 59,62 or 'national')");
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200)
        {
            errors.Add("the name is required (200 characters at most)");
        }

        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            Role = role,
            Territories = scope!,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            TwoFactorEnabled = twoFactorEnabled,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Outcome(null, [.. created.Errors.Select(e => e.Description)]);
        }

        await services.GetRequiredService<AuditLog>().RecordAsync("user.create", "User", user.Id);
        return new Outcome(user, []);
    }
}
