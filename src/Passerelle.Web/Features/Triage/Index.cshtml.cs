using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Triage;

/// <summary>The triage queue of the user's départements: what waits, since when, most urgent first.</summary>
[Authorize(Policy = Permissions.RegisterWrite)]
internal sealed class IndexModel(TriageReport triage, TimeProvider clock) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public TriageReport.Queue Queue { get; private set; } = new([], 0, new Dictionary<Domain.Urgency, int>(), null);

    public DateTime Now { get; private set; }

    /// <summary>Imminent-danger alerts of the user's départements not yet acknowledged (shown on top).</summary>
    public IReadOnlyList<TriageReport.Alert> Alerts { get; private set; } = [];

    public int PageCount => Math.Max(1, (Queue.Total + TriageReport.PageSize - 1) / TriageReport.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Now = clock.GetUtcNow().UtcDateTime;
        Queue = await triage.ListAsync(PageNumber, ct);
        Alerts = await triage.PendingAlertsAsync(ct);
    }

    /// <summary>"Accuser réception": acknowledges an alert of the user's départements (version-checked, audited).</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid alertId, int version, CancellationToken ct)
    {
        var result = await triage.AcknowledgeAsync(alertId, version, ct);
        switch (result.Outcome)
        {
            case TriageReport.Outcome.NotFound:
                return NotFound();
            case TriageReport.Outcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                ModelState.AddModelError(string.Empty, Localization.Texts.Get("hotline.alert-changed"));
                await OnGetAsync(ct);
                return Page();
            default:
                Message = Localization.Texts.Get("hotline.alert-acknowledged");
                return LocalRedirect("/triage");
        }
    }

    /// <summary>How long a report has waited, in the largest whole unit ("3 h", "2 j").</summary>
    public string Age(DateTime receivedAt)
    {
        var age = Now - receivedAt;
        return age.TotalMinutes < 60 ? Localization.Texts.Format("triage.age-minutes", Math.Max(0, (int)age.TotalMinutes))
            : age.TotalHours < 48 ? Localization.Texts.Format("triage.age-hours", (int)age.TotalHours)
            : Localization.Texts.Format("triage.age-days", (int)age.TotalDays);
    }

    public string PageLink(int page) => Url.Page("Index", new { p = page }) ?? "/triage";
}
