using Passerelle.Web.Features.Panel.Decisions;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

internal static class DecisionsApi
{
    /// <summary>A panel decision as the API shows it (labels are the enum names; dates in UTC).</summary>
    public sealed record DecisionView(
        Guid Id,
        Guid? MeetingId,
        string Territory,
        string Type,
        string Status,
        string Rationale,
        string? FollowingService,
        string? ClosureReason,
        string? ClosureReasonDetail,
        string? TransferTo,
        DateOnly? NextReviewOn,
        DateTime DecidedAt,
        DateTime? ApprovedAt,
        string? ApprovalNote,
        Guid? CorrectsId,
        bool Locked,
        int Version);

    public static void MapDecisions(this RouteGroupBuilder v1)
    {
        var cases = v1.MapGroup("/cases").WithTags("Panel").RequireAuthorization(Permissions.RegisterRead);
        cases.MapGet("/{id:guid}/decisions", ListAsync)
            .WithName("ListCaseDecisions")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The decisions about a case recorded by the caller's panel, newest first; 404 when the case is out of scope. The read is audited.</summary>
    private static async Task<IResult> ListAsync(Guid id, RecordDecision decisions, CancellationToken ct)
    {
        var list = await decisions.ForCaseAsync(id, ct);
        if (list is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "notfound.title");
        }

        return TypedResults.Ok(list.Select(d => new DecisionView(
            d.Id, d.MeetingId, d.TerritoryCode, d.Type.ToString(), d.Status.ToString(), d.Rationale, d.FollowingService,
            d.ClosureReason?.ToString(), d.ClosureReasonDetail, d.TransferTo, d.NextReviewOn, d.DecidedAt, d.ApprovedAt,
            d.ApprovalNote, d.CorrectsId, d.Locked, d.Version)).ToList());
    }
}
