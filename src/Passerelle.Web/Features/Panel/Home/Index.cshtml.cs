using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Panel.Campaigns;
using Passerelle.Web.Features.Panel.Reviews;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Home;

/// <summary>
/// The panel's home for the user's département(s): overdue reviews (count and the 10 oldest), reviews due
/// in the next 14 days, next meetings, the chair's pending approvals, incoming transfers waiting, open
/// campaigns with their progress. Every query goes through the query filters; the persons shown are audited.
/// </summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class IndexModel(PasserelleDb db, DueReviews reviews, TimeProvider clock, Minors.MinorProtocols minors) : PageModel
{
    public const int Shown = 10;
    public const int DueDays = 14;

    public sealed record Meeting(Guid Id, string TerritoryCode, DateTime ScheduledAt, string? Location, MeetingStatus Status);

    public AccessScope Scope { get; private set; } = AccessScope.Nobody;

    public int OverdueCount { get; private set; }

    public IReadOnlyList<DueReviews.Row> Overdue { get; private set; } = [];

    public int DueCount { get; private set; }

    public IReadOnlyList<DueReviews.Row> Due { get; private set; } = [];

    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    public int PendingApprovals { get; private set; }

    public int IncomingTransfers { get; private set; }

    public IReadOnlyList<IndexModel.CampaignRow> Campaigns { get; private set; } = [];

    public sealed record CampaignRow(ReviewCampaign Campaign, Features.Campaigns.CampaignProgress.TerritoryProgress Progress);

    public DateOnly Today { get; private set; }

    /// <summary>Returning minors' protocols whose mandatory review is overdue or due (counts and the oldest few).</summary>
    public (int Overdue, int Due) MinorsCounts { get; private set; }

    public IReadOnlyList<Minors.MinorProtocols.Row> MinorsDue { get; private set; } = [];

    public bool IsChair => Scope.Can(Permissions.PanelChair);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = AccessScope.From(User);
        Today = reviews.Today;
        var yesterday = Today.AddDays(-1);
        OverdueCount = await reviews.CountAsync(null, yesterday, ct);
        Overdue = await reviews.ListAsync(null, yesterday, 0, Shown, "panel home: overdue", ct);
        DueCount = await reviews.CountAsync(Today, Today.AddDays(DueDays), ct);
        Due = await reviews.ListAsync(Today, Today.AddDays(DueDays), 0, Shown, "panel home: due", ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var startOfDay = now.Date;
        Meetings = await db.PanelMeetings.AsNoTracking()
            .Where(m => (m.Status == MeetingStatus.Scheduled && m.ScheduledAt >= startOfDay) || m.Status == MeetingStatus.InSession)
            .OrderBy(m => m.ScheduledAt).Take(5)
            .Select(m => new Meeting(m.Id, m.TerritoryCode, m.ScheduledAt, m.Location, m.Status))
            .ToListAsync(ct);
        if (IsChair)
        {
            PendingApprovals = await db.PanelDecisions.CountAsync(d => d.Status == DecisionStatus.PendingApproval, ct);
        }

        var own = Scope.Territories.ToArray();
        var national = Scope.National;
        IncomingTransfers = await db.CaseTransfers.CountAsync(t => t.Status == TransferStatus.Pending && (national || own.Contains(t.ToTerritory)), ct);
        Campaigns = [.. (await PanelCampaigns.ListAsync(db, openOnly: true, ct)).Select(r => new CampaignRow(r.Campaign, r.Progress))];
        MinorsCounts = await minors.CountDueAsync(ct);
        MinorsDue = await minors.DueAsync(5, "panel home: returning minors' reviews", ct);
    }
}
