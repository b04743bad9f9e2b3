namespace Passerelle.Web.Security;

/// <summary>
/// The actor of the current unit of work: the signed-in user of the HTTP request, or the system when a
/// command-line verb sets it explicitly. Scoped; the DbContext and the audit log read it.
/// </summary>
internal sealed class CurrentActor(IHttpContextAccessor http)
{
    private AccessScope? explicitScope;

    public AccessScope Scope => explicitScope ?? (http.HttpContext is { } context ? AccessScope.From(context.User) : AccessScope.Nobody);

    public string? CorrelationId => http.HttpContext?.TraceIdentifier;

    public void ActAs(AccessScope scope) => explicitScope = scope;
}
