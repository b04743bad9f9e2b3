using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.AuditTrail;

/// <summary>
/// The data-protection officer's view of the audit log: newest first, filtered by user, action or
/// object id, 50 per page, with the chain's state. Reading the log is itself audited.
/// </summary>
[Authorize(Policy = Permissions.AuditRead)]
internal sealed class IndexModel(PasserelleDb db, AuditLog audit) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "event")]
    public string? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "object")]
    public string? ObjectFilter { get; set; }

    /// <summary>Recomputing the chain reads the whole log: done on request, not on every page view.</summary>
    [BindProperty(SupportsGet = true, Name = "verify")]
    public bool Verify { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public AuditVerifier.Result? Chain { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var (key, value) in new[] { ("user", UserFilter), ("event", ActionFilter), ("object", ObjectFilter) })
        {
            if (value is { Length: > 64 })
            {
                ModelState.AddModelError(key, Texts.Format("error.too-long", 64));
            }
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        PageNumber = Math.Clamp(PageNumber, 1, 1_000_000);
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            events = events.Where(e => e.UserId == UserFilter.Trim());
        }

        if (!string.IsNullOrWhiteSpace(ActionFilter))
        {
            events = events.Where(e => e.Action == ActionFilter.Trim());
        }

        if (!string.IsNullOrWhiteSpace(ObjectFilter))
        {
            events = events.Where(e => e.ObjectId == ObjectFilter.Trim());
        }

        Total = await events.CountAsync(ct);
        Events = await events.OrderByDescending(e => e.Seq).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Chain = Verify ? await AuditVerifier.VerifyAsync(db, ct) : null;
        await audit.RecordAsync("audit.read", nameof(AuditEvent), null, reason: $"{Events.Count} of {Total} shown", ct: ct);
    }

    public string PageLink(int page) => Url.Page("Index", new { user = UserFilter, @event = ActionFilter, @object = ObjectFilter, p = page }) ?? "/audit";
}
