using Passerelle.Web.Features.Campaigns;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

/// <summary>
/// <c>GET /api/v1/campaigns/{id}/progress</c>: a review campaign's progress as counts per département (in
/// scope, reviewed, remaining, percent) — every département for the national analyst (national campaigns),
/// the caller's own département(s) for a panel. Never a case or a person (<see cref="CampaignProgress"/>).
/// </summary>
internal static class CampaignsApi
{
    public static void MapCampaigns(this RouteGroupBuilder v1)
    {
        var campaigns = v1.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/{id:guid}/progress", GetProgressAsync).WithName("GetCampaignProgress");
    }

    private static async Task<IResult> GetProgressAsync(Guid id, HttpContext context, CampaignProgress progress, CurrentActor actor, Audit.AuditLog audit, CancellationToken ct)
    {
        var scope = actor.Scope;
        if (!scope.Can(Permissions.CampaignsNational) && !scope.Can(Permissions.PanelRead))
        {
            await audit.RecordAsync("campaign.viewed", "ReviewCampaign", id, Audit.AuditLog.Denied, reason: "api", ct: ct);
            return Problems.Status(StatusCodes.Status403Forbidden, "campaign.forbidden");
        }

        var rows = await progress.ByTerritoryAsync(id, ct);
        if (rows is null)
        {
            await audit.RecordAsync("campaign.viewed", "ReviewCampaign", id, Audit.AuditLog.NotFound, reason: "api", ct: ct);
            return Problems.Status(StatusCodes.Status404NotFound, "campaign.not-found");
        }

        await audit.RecordAsync("campaign.viewed", "ReviewCampaign", id, reason: $"api, counts, {rows.Count} département(s)", ct: ct);
        context.Response.Headers.CacheControl = "no-store";
        var inScope = rows.Sum(r => r.InScope);
        var reviewed = rows.Sum(r => r.Reviewed);
        return TypedResults.Ok(new
        {
            campaignId = id,
            total = new { inScope, reviewed, remaining = inScope - reviewed, percent = new CampaignProgress.TerritoryProgress(string.Empty, inScope, reviewed).Percent },
            territories = rows.Select(r => new { territory = r.TerritoryCode, inScope = r.InScope, reviewed = r.Reviewed, remaining = r.Remaining, percent = r.Percent }),
        });
    }
}
