using Microsoft.AspNetCore.Authorization;

namespace Passerelle.Web.Security;

/// <summary>Requires a permission of <see cref="Permissions"/> (none for <see cref="SignedIn"/>) and, where the role needs it, a two-factor sign-in.</summary>
internal sealed record PermissionRequirement(string? Permission) : IAuthorizationRequirement
{
    public static readonly PermissionRequirement SignedIn = new((string?)null);
}

internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var scope = AccessScope.From(context.User);
        if (scope.UserId is not null
            && TwoFactor.IsSatisfied(context.User)
            && (requirement.Permission is null || scope.Can(requirement.Permission)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
