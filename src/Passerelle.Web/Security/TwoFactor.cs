using System.Security.Claims;

namespace Passerelle.Web.Security;

internal static class TwoFactor
{
    /// <summary>The claim ASP.NET Core Identity adds to a sign-in completed with a second factor.</summary>
    public const string AmrClaim = "amr";
    public const string MfaValue = "mfa";

    /// <summary>True when the role needs no second factor, the sign-in used one, or the caller is an API token.</summary>
    public static bool IsSatisfied(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role);
        return role is null
            || !Roles.RequiresTwoFactor(role)
            || user.HasClaim(AmrClaim, MfaValue)
            || user.Identity?.AuthenticationType == TokenAuthenticationHandler.SchemeName;
    }
}
