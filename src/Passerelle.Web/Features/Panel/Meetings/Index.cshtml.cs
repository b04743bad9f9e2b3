using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Meetings;

/// <summary>The panel's meetings: the coming ones first (soonest first), then the past ones (latest first); 20 per page.</summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class IndexModel(PasserelleDb db, CurrentActor actor) : PageModel
{
    private const int PageSize = 20;

    public sealed record Row(Guid Id, string TerritoryCode, DateTime ScheduledAt, string? Location, MeetingStatus Status, int Items);

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int PageCount { get; private set; } = 1;

    public static string PageLink(int page) => $"/panel/meetings?page={page}";

    public bool CanSchedule { get; private set; }

    public bool ShowTerritory { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanSchedule = actor.Scope.Can(Permissions.PanelWork);
        ShowTerritory = actor.Scope.National || actor.Scope.Territories.Count > 1;
        var coming = db.PanelMeetings.AsNoTracking().Where(m => m.Status == MeetingStatus.Scheduled || m.Status == MeetingStatus.InSession);
        var past = db.PanelMeetings.AsNoTracking().Where(m => m.Status == MeetingStatus.Ended || m.Status == MeetingStatus.Validated);
        var comingCount = await coming.CountAsync(ct);
        var total = comingCount + await past.CountAsync(ct);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var skip = (PageNumber - 1) * PageSize;
        var rows = new List<Row>();
        if (skip < comingCount)
        {
            rows.AddRange(await Project(coming.OrderBy(m => m.ScheduledAt)).Skip(skip).Take(PageSize).ToListAsync(ct));
        }

        if (rows.Count < PageSize)
        {
            rows.AddRange(await Project(past.OrderByDescending(m => m.ScheduledAt)).Skip(Math.Max(0, skip - comingCount)).Take(PageSize - rows.Count).ToListAsync(ct));
        }

        Rows = rows;
    }

    private IQueryable<Row> Project(IQueryable<PanelMeeting> meetings) =>
        meetings.Select(m => new Row(m.Id, m.TerritoryCode, m.ScheduledAt, m.Location, m.Status, db.AgendaItems.Count(a => a.MeetingId == m.Id)));
}
