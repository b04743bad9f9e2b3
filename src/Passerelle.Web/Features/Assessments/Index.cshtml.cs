using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Assessments;

/// <summary>The territory's assessments (requested, drafts, completed) with the person's name and year of birth; filters; 20 a page.</summary>
[Authorize(Policy = Permissions.AssessmentsWrite)]
internal sealed class IndexModel(AssessmentFile file, CurrentActor actor) : PageModel
{
    public static readonly IReadOnlyDictionary<string, AssessmentStatus> Statuses = new Dictionary<string, AssessmentStatus>(StringComparer.Ordinal)
    {
        ["requested"] = AssessmentStatus.Requested,
        ["draft"] = AssessmentStatus.Draft,
        ["completed"] = AssessmentStatus.Completed,
    };

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "mine")]
    public bool Mine { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AssessmentFile.Listing Listing { get; private set; } = new([], 0);

    public int PageCount => Math.Max(1, (Listing.Total + AssessmentFile.PageSize - 1) / AssessmentFile.PageSize);

    public bool Filtered => Status is not null || Mine;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (ModelState.ErrorFor("p") is not null || ModelState.ErrorFor("mine") is not null)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, Texts.Get("error.page-invalid"));
            PageNumber = 1;
            Mine = false;
        }

        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        AssessmentStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (Statuses.TryGetValue(Status, out var s))
            {
                status = s;
            }
            else
            {
                ModelState.AddModelError("status", Texts.Get("error.unknown-value"));
                Status = null;
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Listing = await file.ListAsync(new AssessmentFile.Filter(status, Mine, PageNumber), actor.Scope.UserId, ct);
    }

    public string PageLink(int page) => Url.Page("Index", new { status = Status, mine = Mine ? "true" : null, p = page }) ?? "/assessments";
}
