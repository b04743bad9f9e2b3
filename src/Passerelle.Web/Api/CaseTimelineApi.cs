using Passerelle.Web.Features.Cases;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

internal static class CaseTimelineApi
{
    public static void MapCaseTimeline(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/cases").WithTags("Register").RequireAuthorization(Permissions.RegisterRead)
            .MapGet("/{id:guid}/timeline", TimelineAsync)
            .WithName("CaseTimeline")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// A case's header, flags and dated timeline, newest first; <c>kinds</c> narrows it to categories
    /// ("reports,decisions", or repeated); unknown categories are ignored. Out of scope: 404. Audited read.
    /// </summary>
    private static async Task<IResult> TimelineAsync(Guid id, HttpContext http, CaseTimeline timeline, CancellationToken ct)
    {
        var kinds = CaseTimeline.ParseKinds(http.Request.Query["kinds"]);
        var view = await timeline.LoadAsync(id, kinds, ct);
        if (view is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "notfound.title");
        }

        var c = view.Case;
        return TypedResults.Ok(new
        {
            @case = new
            {
                c.Id,
                c.PersonId,
                c.Territory,
                c.Status,
                c.OpenedAt,
                InTransferTo = c.TransferTo,
                c.FollowingService,
                c.LastDecisionType,
                c.NextReviewOn,
                c.ReviewOverdue,
            },
            flags = view.Flags.Select(f => new { kind = f.Kind, since = f.Since, current = f.Current }),
            kinds = kinds.Select(CaseTimeline.Code).Order(StringComparer.Ordinal),
            total = view.TotalLines,
            events = view.Lines.Select(e => new
            {
                e.Id,
                e.At,
                e.Kind,
                category = CaseTimeline.Code(e.Category),
                from = e.From,
                to = e.To,
                e.Reason,
                e.Actor,
                e.Detail,
                report = e.Report is { } r ? new { r.Id, r.Receipt, r.Urgency } : null,
                e.DecisionId,
                e.AssessmentId,
                e.TransferId,
                e.CampaignId,
            }),
        });
    }
}
