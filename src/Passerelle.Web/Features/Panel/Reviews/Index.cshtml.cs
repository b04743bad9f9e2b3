using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Reviews;

/// <summary>
/// The reviews the user's panel owes: overdue ones (next review date past) or those due within N days
/// (overdue included), oldest first, 20 per page, each with a link to record the review.
/// </summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class IndexModel(DueReviews reviews) : PageModel
{
    public const int DefaultDays = 14;

    [TempData]
    public string? Message { get; set; }

    /// <summary>"overdue" lists only overdue reviews; anything else those due within <see cref="Days"/> days.</summary>
    [BindProperty(SupportsGet = true, Name = "filter")]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true, Name = "days")]
    public int Days { get; set; } = DefaultDays;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool OverdueOnly => string.Equals(Filter, "overdue", StringComparison.Ordinal);

    public IReadOnlyList<DueReviews.Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int OverdueCount { get; private set; }

    public DateOnly Today { get; private set; }

    public bool CanWork => AccessScope.From(User).Can(Permissions.PanelWork);

    public int PageCount => Math.Max(1, (Total + DueReviews.PageSize - 1) / DueReviews.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Days = Math.Clamp(Days, 0, DueReviews.MaxDays);
        Today = reviews.Today;
        var until = OverdueOnly ? Today.AddDays(-1) : Today.AddDays(Days);
        OverdueCount = await reviews.CountAsync(null, Today.AddDays(-1), ct);
        Total = OverdueOnly ? OverdueCount : await reviews.CountAsync(null, until, ct);
        PageNumber = Math.Min(PageNumber, PageCount);
        Rows = await reviews.ListAsync(null, until, (PageNumber - 1) * DueReviews.PageSize, DueReviews.PageSize, "due reviews", ct);
    }

    public string PageLink(int page) => Url.Page("Index", new { filter = OverdueOnly ? "overdue" : null, days = OverdueOnly || Days == DefaultDays ? (int?)null : Days, p = page }) ?? "/panel/reviews";
}
