using System.Security.Claims;

namespace Passerelle.Web.Security;

/// <summary>
/// The actor of the current unit of work: the signed-in user of the HTTP request, or the system when a
/// command-line verb sets it explicitly. Scoped; the DbContext's query filters and the audit log read it.
/// </summary>
internal sealed class CurrentActor(IHttpContextAccessor http)
{
    private AccessScope? explicitScope;
    private (ClaimsPrincipal User, AccessScope Scope)? derived;

    public AccessScope Scope
    {
        get
        {
            if (explicitScope is not null)
            {
                return explicitScope;
            }

            if (http.HttpContext?.User is not { } user)
            {
                return AccessScope.Nobody;
            }

            // The principal changes within a request only at sign-in; derive the scope once per principal.
            if (derived is not { } d || !ReferenceEquals(d.User, user))
            {
                derived = (user, AccessScope.From(user));
            }

            return derived.Value.Scope;
        }
    }

    public string? CorrelationId => http.HttpContext?.TraceIdentifier;

    public void ActAs(AccessScope scope) => explicitScope = scope;
}
