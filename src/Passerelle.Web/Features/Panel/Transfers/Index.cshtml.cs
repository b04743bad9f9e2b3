using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Transfers;

/// <summary>
/// The panel's transfers: incoming ones waiting for it (the summary only: who, from where, why, when — the
/// case itself stays out of reach until accepted), its outgoing ones still "in transfer", and the settled
/// ones of both directions (20 per page). Each person named on the page is audited as listed.
/// </summary>
[Authorize(Policy = Permissions.PanelRead)]
internal sealed class IndexModel(PasserelleDb db, AuditLog audit) : PageModel
{
    public const int PageSize = 20;

    public sealed record Row(Guid Id, Guid CaseId, string PersonLabel, string From, string To, string Summary, DateTime RequestedAt,
        TransferStatus Status, DateTime? SettledAt, string? Note, bool Incoming);

    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Incoming { get; private set; } = [];

    public IReadOnlyList<Row> Outgoing { get; private set; } = [];

    public IReadOnlyList<Row> Settled { get; private set; } = [];

    public int SettledTotal { get; private set; }

    public int PageCount => Math.Max(1, (SettledTotal + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var scope = AccessScope.From(User);
        var mine = scope.Territories.ToArray();
        var national = scope.National;

        // The query filter already narrows transfers to those of the user's panels (either side).
        var incoming = await db.CaseTransfers.AsNoTracking()
            .Where(t => t.Status == TransferStatus.Pending && (national || mine.Contains(t.ToTerritory)))
            .OrderBy(t => t.RequestedAt).ThenBy(t => t.Id)
            .ToListAsync(ct);
        var outgoing = await db.CaseTransfers.AsNoTracking()
            .Where(t => t.Status == TransferStatus.Pending && !(national || mine.Contains(t.ToTerritory)))
            .OrderBy(t => t.RequestedAt).ThenBy(t => t.Id)
            .ToListAsync(ct);
        var settled = db.CaseTransfers.AsNoTracking().Where(t => t.Status != TransferStatus.Pending);
        SettledTotal = await settled.CountAsync(ct);
        var settledPage = await settled
            .OrderByDescending(t => t.SettledAt).ThenByDescending(t => t.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);

        Row ToRow(CaseTransfer t) => new(t.Id, t.CaseId, t.PersonLabel, t.FromTerritory, t.ToTerritory, t.Summary, t.RequestedAt,
            t.Status, t.SettledAt, t.Note, national || mine.Contains(t.ToTerritory));
        Incoming = [.. incoming.Select(ToRow)];
        Outgoing = [.. outgoing.Select(ToRow)];
        Settled = [.. settledPage.Select(ToRow)];

        foreach (var t in incoming.Concat(outgoing).Concat(settledPage))
        {
            audit.Append("person.listed", nameof(Person), t.PersonId, reason: "transfers", territory: t.ToTerritory);
        }

        audit.Append("transfer.listed", nameof(CaseTransfer), null);
        await db.SaveChangesAsync(ct);
    }

    public string PageLink(int page) => Url.Page("Index", new { p = page }) ?? "/panel/transfers";

    public static string Territory(string code) =>
        Departements.All.FirstOrDefault(d => d.Code == code) is { } d ? $"{d.Code} — {d.Name}" : code;
}
