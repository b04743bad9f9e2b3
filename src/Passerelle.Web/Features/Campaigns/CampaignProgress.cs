using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Campaigns;

/// <summary>
/// The one place that reads review campaigns' cases past the query filters (<c>IgnoreQueryFilters</c>).
/// <para>
/// Why: the filters on <see cref="Case"/> and <see cref="CampaignCase"/> let only a département's panel read
/// its rows (register compartment), yet a national campaign must cover every département's open cases, and
/// the national analyst — whose right is "aggregates only" (DESIGN.md, Σ) — must follow its progress. How
/// need-to-know still holds here:
/// </para>
/// <list type="bullet">
/// <item>each method checks the actor's permission itself (<see cref="Permissions.CampaignsNational"/>, or
/// <see cref="Permissions.PanelRead"/> narrowed to the actor's own départements), not only the page or route;</item>
/// <item><see cref="OpenCasesInScopeAsync"/> selects two columns, the case id and its département, to create
/// the campaign's required reviews; they are written, never returned to a page or an API;</item>
/// <item><see cref="ByTerritoryAsync"/> returns counts per département (in scope, reviewed), never a case id,
/// a person or a free text; the campaign itself must be visible to the actor through the filtered query,
/// and the analyst follows national campaigns only.</item>
/// </list>
/// Small counts are not suppressed here, unlike report statistics: they count a panel's workload (how many
/// required reviews it has done), not persons' characteristics, and a panel's workload is what the ministry
/// follows during a campaign.
/// </summary>
internal sealed class CampaignProgress(PasserelleDb db, CurrentActor actor)
{
    /// <summary>One département's progress in a campaign.</summary>
    public sealed record TerritoryProgress(string TerritoryCode, int InScope, int Reviewed)
    {
        public int Remaining => InScope - Reviewed;

        /// <summary>Whole percent reviewed, rounded down (100 only when every case is reviewed).</summary>
        public int Percent => InScope == 0 ? 100 : Reviewed * 100 / InScope;
    }

    /// <summary>
    /// The open cases in <paramref name="statuses"/> of every département, as (id, département) pairs only,
    /// for a national campaign's required reviews. Null when the actor may not start a national campaign.
    /// </summary>
    public async Task<IReadOnlyList<(Guid CaseId, string TerritoryCode)>?> OpenCasesInScopeAsync(IReadOnlyCollection<CaseStatus> statuses, CancellationToken ct)
    {
        if (!actor.Scope.Can(Permissions.CampaignsNational))
        {
            return null;
        }

        var wanted = statuses.Where(s => s is not (CaseStatus.Closed or CaseStatus.Archived)).ToArray();
        var rows = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => wanted.Contains(c.Status))
            .Select(c => new { c.Id, c.TerritoryCode })
            .ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.TerritoryCode))];
    }

    /// <summary>
    /// Progress of a campaign per département, ordered by code: every département for the national analyst
    /// (national campaigns only), the actor's own départements for a panel. Null when the campaign is not
    /// visible to the actor or the actor may not follow it.
    /// </summary>
    public async Task<IReadOnlyList<TerritoryProgress>?> ByTerritoryAsync(Guid campaignId, CancellationToken ct)
    {
        var scope = actor.Scope;
        var national = scope.Can(Permissions.CampaignsNational);
        if (!national && !scope.Can(Permissions.PanelRead))
        {
            return null;
        }

        var campaign = await db.ReviewCampaigns.AsNoTracking().Where(k => k.Id == campaignId).Select(k => new { k.TerritoryCode }).FirstOrDefaultAsync(ct);
        if (campaign is null || (national && campaign.TerritoryCode is not null))
        {
            return null;
        }

        var query = db.CampaignCases.IgnoreQueryFilters().AsNoTracking().Where(x => x.CampaignId == campaignId);
        if (!national)
        {
            var own = scope.National ? null : scope.Territories.ToArray();
            query = own is null ? query : query.Where(x => own.Contains(x.TerritoryCode));
        }

        var rows = await query
            .GroupBy(x => x.TerritoryCode)
            .Select(g => new { Territory = g.Key, InScope = g.Count(), Reviewed = g.Count(x => x.ReviewedAt != null) })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Territory, StringComparer.Ordinal).Select(r => new TerritoryProgress(r.Territory, r.InScope, r.Reviewed))];
    }
}
