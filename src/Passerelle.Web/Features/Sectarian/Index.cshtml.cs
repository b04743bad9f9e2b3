using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Sectarian;

/// <summary>The Miviludes analysts' queue: referrals waiting for an answer first, oldest first, with their age; 20 a page.</summary>
[Authorize(Policy = Permissions.SectarianManage)]
internal sealed class IndexModel(SectarianReferrals referrals, TimeProvider clock) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SectarianReferrals.Queue Queue { get; private set; } = new([], 0, 0, null);

    public DateTime Now { get; private set; }

    public int PageCount => Math.Max(1, (Queue.Total + SectarianReferrals.PageSize - 1) / SectarianReferrals.PageSize);

    public bool Filtered => Status is not null || Kind is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (ModelState.ErrorFor("p") is not null)
        {
            ModelState.Remove("p");
            PageNumber = 1;
        }

        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        SectarianReferralStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (SectarianCodes.Statuses.TryGetValue(Status, out var s))
            {
                status = s;
            }
            else
            {
                ModelState.AddModelError("status", Texts.Get("error.unknown-value"));
                Status = null;
            }
        }

        SectarianRequestKind? kind = null;
        if (!string.IsNullOrEmpty(Kind))
        {
            if (SectarianCodes.Kinds.TryGetValue(Kind, out var k))
            {
                kind = k;
            }
            else
            {
                ModelState.AddModelError("kind", Texts.Get("error.unknown-value"));
                Kind = null;
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Now = clock.GetUtcNow().UtcDateTime;
        Queue = await referrals.ListAsync(new SectarianReferrals.Filter(status, kind, PageNumber), ct);
    }

    public string PageLink(int page) => Url.Page("Index", new { status = Status, kind = Kind, p = page }) ?? "/miviludes";
}
