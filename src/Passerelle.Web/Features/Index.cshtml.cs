using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features;

/// <summary>The home page: the modules the user's role opens, nothing else.</summary>
internal sealed class IndexModel : PageModel
{
    public AccessScope Scope { get; private set; } = AccessScope.Nobody;

    public void OnGet() => Scope = AccessScope.From(User);
}
