using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Programme;

/// <summary>
/// The programme sites' participants (<c>/programme</c>): each site of the worker with its capacity and enrolled
/// count, follow-up windows ending within <see cref="EndingSoonDays"/> days, and the participants of one status,
/// 20 per page. The query filter narrows every row to the worker's territories; each participant shown is
/// audited (<c>programme-participant.listed</c>).
/// </summary>
[Authorize(Policy = Permissions.ProgrammeRead)]
internal sealed class IndexModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    public const int EndingSoonDays = 60;

    public sealed record SiteRow(ProgrammeSite Site, int Referred, int Enrolled, int Ended, int NotEnrolled);

    public sealed record ParticipantRow(Guid Id, string SiteCode, string Name, int? BirthYear, ReferralSource Source, DateOnly ReferredOn, DateOnly? EnrolledOn, DateOnly? FollowUpEndsOn, DateOnly? EndedOn, ParticipantEndReason? EndReason);

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<SiteRow> Sites { get; private set; } = [];

    public IReadOnlyList<ParticipantRow> EndingSoon { get; private set; } = [];

    public IReadOnlyList<ParticipantRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public DateOnly Today { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static readonly IReadOnlyList<(string Code, ParticipantStatus Status)> Statuses =
    [
        ("referred", ParticipantStatus.Referred), ("enrolled", ParticipantStatus.Enrolled), ("ended", ParticipantStatus.Ended), ("not-enrolled", ParticipantStatus.NotEnrolled),
    ];

    public ParticipantStatus Status => Statuses.FirstOrDefault(s => s.Code == StatusFilter) is { Code: not null } found ? found.Status : ParticipantStatus.Referred;

    public string StatusKey => Statuses.First(s => s.Status == Status).Code;

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var sites = await ProgrammeSites.OfAsync(db, actor.Scope, ct);
        var codes = sites.Select(s => s.Code).ToList();
        var counts = await db.ProgrammeParticipants.AsNoTracking().Where(p => codes.Contains(p.SiteCode))
            .GroupBy(p => new { p.SiteCode, p.Status }).Select(g => new { g.Key.SiteCode, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(string site, ParticipantStatus status) => counts.Where(c => c.SiteCode == site && c.Status == status).Sum(c => c.Count);
        Sites = [.. sites.Select(s => new SiteRow(s, Count(s.Code, ParticipantStatus.Referred), Count(s.Code, ParticipantStatus.Enrolled), Count(s.Code, ParticipantStatus.Ended), Count(s.Code, ParticipantStatus.NotEnrolled)))];

        var soon = Today.AddDays(EndingSoonDays);
        EndingSoon = await Project(db.ProgrammeParticipants.AsNoTracking()
                .Where(p => codes.Contains(p.SiteCode) && p.Status == ParticipantStatus.Enrolled && p.FollowUpEndsOn != null && p.FollowUpEndsOn >= Today && p.FollowUpEndsOn <= soon)
                .OrderBy(p => p.FollowUpEndsOn).ThenBy(p => p.Id).Take(50))
            .ToListAsync(ct);

        var status = Status;
        var query = db.ProgrammeParticipants.AsNoTracking().Where(p => codes.Contains(p.SiteCode) && p.Status == status);
        Total = await query.CountAsync(ct);
        var ordered = status switch
        {
            ParticipantStatus.Enrolled => query.OrderBy(p => p.FollowUpEndsOn).ThenBy(p => p.Id),
            ParticipantStatus.Referred => query.OrderBy(p => p.ReferredOn).ThenBy(p => p.Id),
            _ => query.OrderByDescending(p => p.EndedOn).ThenBy(p => p.Id),
        };
        Rows = await Project(ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(ct);

        foreach (var row in Rows.Concat(EndingSoon).DistinctBy(r => r.Id))
        {
            audit.Append("programme-participant.listed", nameof(ProgrammeParticipant), row.Id, territory: sites.First(s => s.Code == row.SiteCode).TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
    }

    public bool IsEndingSoon(ParticipantRow row) =>
        row.FollowUpEndsOn is { } end && end >= Today && end <= Today.AddDays(EndingSoonDays);

    public string PageLink(int page) => $"/programme?status={StatusKey}&p={page}";

    private static IQueryable<ParticipantRow> Project(IQueryable<ProgrammeParticipant> query) =>
        query.Select(p => new ParticipantRow(p.Id, p.SiteCode, p.Surname + " " + p.GivenName, p.BirthYear, p.Source, p.ReferredOn, p.EnrolledOn, p.FollowUpEndsOn, p.EndedOn, p.EndReason));
}
