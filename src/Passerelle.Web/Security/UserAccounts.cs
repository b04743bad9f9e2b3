using Microsoft.AspNetCore.Identity;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;

namespace Passerelle.Web.Security;

/// <summary>Creating accounts, shared by the administrator's pages, the command line and the demo seed.</summary>
internal static class UserAccounts
{
    public sealed record Outcome(AppUser? User, IReadOnlyList<FieldError> Errors);

    /// <summary>Identity's error codes that have a translated message ("identity.&lt;code&gt;" in Texts).</summary>
    public static FieldError FromIdentity(IdentityError e) => e.Code switch
    {
        "DuplicateEmail" or "DuplicateUserName" => new FieldError("email", "identity.DuplicateEmail"),
        "InvalidEmail" or "InvalidUserName" => new FieldError("email", "error.email-invalid"),
        "PasswordTooShort" or "PasswordRequiresNonAlphanumeric" or "PasswordRequiresDigit" or "PasswordRequiresLower"
            or "PasswordRequiresUpper" or "PasswordRequiresUniqueChars" => new FieldError("password", "identity.WeakPassword"),
        "ConcurrencyFailure" => new FieldError(string.Empty, "users.conflict"),
        _ => new FieldError(string.Empty, "identity.Other", e.Code),
    };

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
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(email) || email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim())
        {
            errors.Add(new FieldError("email", "error.email-invalid"));
        }

        if (!Roles.IsKnown(role))
        {
            errors.Add(new FieldError("role", "identity.UnknownRole", string.Join(", ", Roles.All)));
        }

        var scope = NormaliseTerritories(territories);
        if (scope is null)
        {
            errors.Add(new FieldError("territories", "identity.BadTerritories"));
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200 || displayName.Any(char.IsControl) || displayName.Contains('<', StringComparison.Ordinal))
        {
            errors.Add(new FieldError("name", "identity.BadName"));
        }

        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
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
            return new Outcome(null, [.. created.Errors.Select(FromIdentity).Distinct()]);
        }

        await services.GetRequiredService<AuditLog>().RecordAsync("user.create", "User", user.Id);
        return new Outcome(user, []);
    }
}
