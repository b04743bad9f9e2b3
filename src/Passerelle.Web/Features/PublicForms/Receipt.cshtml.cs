using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Passerelle.Web.Features.PublicForms;

/// <summary>
/// The receipt of a public form: the number only, and what happens next. It reads nothing from the
/// database, so neither a refresh nor a guessed address can show anything about anyone.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicFormsRateLimitPolicy.Name)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
internal sealed partial class ReceiptModel : PageModel
{
    /// <summary>"concern" (SIG-…, /signalement/recu) or "sectarian" (MIV-…, /derives-sectaires/recu).</summary>
    public string Door { get; private set; } = "concern";

    /// <summary>The receipt number when it has the shape of one; anything else is not echoed.</summary>
    public string? Number { get; private set; }

    public void OnGet(string? numero)
    {
        Door = Request.Path.StartsWithSegments("/derives-sectaires", StringComparison.OrdinalIgnoreCase) ? "sectarian" : "concern";
        var pattern = Door == "concern" ? ConcernReceipt() : SectarianReceipt();
        Number = numero is { Length: <= 20 } && pattern.IsMatch(numero) ? numero : null;
    }

    [GeneratedRegex("^SIG-[0-9]{4}-[A-HJ-NP-Z2-9]{8}$")]
    private static partial Regex ConcernReceipt();

    [GeneratedRegex("^MIV-[0-9]{4}-[A-HJ-NP-Z2-9]{8}$")]
    private static partial Regex SectarianReceipt();
}
