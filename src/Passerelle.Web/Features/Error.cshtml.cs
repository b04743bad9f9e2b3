using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Passerelle.Web.Features;

/// <summary>Error and status pages (404 and others), without any detail that could leak data.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
internal sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        Code = code ?? StatusCodes.Status500InternalServerError;
        Reference = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
