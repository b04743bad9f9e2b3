using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Coordination;

/// <summary>Coordination requests received by the user's panels (to answer) and sent from them (with the answers).</summary>
[Authorize(Policy = Permissions.RegisterRead)]
internal sealed class IndexModel(CoordinationRequests requests) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    /// <summary>"sent" shows the requests sent; anything else those received.</summary>
    [BindProperty(SupportsGet = true, Name = "view")]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool Sent => string.Equals(View, "sent", StringComparison.Ordinal);

    public IReadOnlyList<CoordinationRequests.Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int OpenIncoming { get; private set; }

    public int PageCount => Math.Max(1, (Total + CoordinationRequests.PageSize - 1) / CoordinationRequests.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        (Rows, Total) = await requests.ListAsync(incoming: !Sent, PageNumber, ct);
        OpenIncoming = await requests.OpenIncomingCountAsync(ct);
    }

    public string PageLink(int page) => Url.Page("Index", new { view = Sent ? "sent" : null, p = page }) ?? "/coordination";
}
