using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Care;

/// <summary>
/// The CPRAF's desk (roles care and clinician, own territory through the query filters): referrals waiting for
/// consent (oldest first, with their age), active plans with their next progress review (overdue first), and the
/// ended plans, paginated. Audited as one read of the unit's lists.
/// </summary>
[Authorize(Policy = Permissions.CareRead)]
internal sealed class IndexModel(PasserelleDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    public sealed record WaitingRow(Guid Id, string Name, int? BirthYear, bool Minor, DateTime ReferredAt, int AgeDays);

    public sealed record PlanRow(Guid Id, string Label, bool Minor, CarePlanStatus Status, DateTime OpenedAt, DateOnly? NextReviewOn, DateTime? ClosedAt, CareOutcome? Outcome);

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<WaitingRow> Waiting { get; private set; } = [];

    public IReadOnlyList<PlanRow> Active { get; private set; } = [];

    public IReadOnlyList<PlanRow> Ended { get; private set; } = [];

    public int EndedTotal { get; private set; }

    public DateOnly Today { get; private set; }

    public int PageCount => Math.Max(1, (EndedTotal + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var now = clock.GetUtcNow().UtcDateTime;
        Today = DateOnly.FromDateTime(now);
        var waiting = await db.CareReferrals.AsNoTracking()
            .Where(r => r.Status == CareReferralStatus.Waiting)
            .OrderBy(r => r.ReferredAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.GivenName, r.Surname, r.BirthYear, r.Minor, r.ReferredAt })
            .ToListAsync(ct);
        Waiting = [.. waiting.Select(r => new WaitingRow(r.Id, $"{r.Surname.ToUpperInvariant()} {r.GivenName}", r.BirthYear, r.Minor, r.ReferredAt, (int)(now - r.ReferredAt).TotalDays))];
        var active = await db.CarePlans.AsNoTracking()
            .Where(p => p.Status == CarePlanStatus.Active)
            .Select(p => new PlanRow(p.Id, p.PersonLabel, p.Minor, p.Status, p.OpenedAt, p.NextReviewOn, p.ClosedAt, p.Outcome))
            .ToListAsync(ct);
        Active = [.. active.OrderBy(p => p.NextReviewOn ?? DateOnly.MaxValue).ThenBy(p => p.OpenedAt)];
        var ended = db.CarePlans.AsNoTracking().Where(p => p.Status != CarePlanStatus.Active);
        EndedTotal = await ended.CountAsync(ct);
        Ended = await ended.OrderByDescending(p => p.ClosedAt).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new PlanRow(p.Id, p.PersonLabel, p.Minor, p.Status, p.OpenedAt, p.NextReviewOn, p.ClosedAt, p.Outcome))
            .ToListAsync(ct);
        await audit.RecordAsync("care.list", nameof(CarePlan), null, reason: $"{Waiting.Count} waiting, {Active.Count} active, {EndedTotal} ended", territory: AccessScope.From(User).AuditTerritory, ct: ct);
    }

    public static string PageLink(int page) => $"/care?p={page}#ended-title";
}
