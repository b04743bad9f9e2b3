using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Panel.Campaigns;

/// <summary>
/// A case's required review in the open campaigns that include it is done when its panel reviews it
/// (a review recorded on the case, or a decision in force about it). Call in the same unit of work as
/// the review or decision, before <c>SaveChangesAsync</c>.
/// </summary>
internal static class CampaignReviews
{
    public static async Task<int> MarkReviewedAsync(PasserelleDb db, Guid caseId, string actorId, DateTime now, CancellationToken ct)
    {
        var open = await db.CampaignCases
            .Where(c => c.CaseId == caseId && c.ReviewedAt == null)
            .Where(c => db.ReviewCampaigns.IgnoreQueryFilters().Any(k => k.Id == c.CampaignId && k.ClosedAt == null))
            .ToListAsync(ct);
        foreach (var entry in open)
        {
            entry.ReviewedAt = now;
            entry.ReviewedById = actorId;
        }

        return open.Count;
    }
}
