using Passerelle.Domain;
using Passerelle.Web.Api;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// <c>GET /api/v1/cases/{id}/assessments</c>: a case's assessments, each item's rating as a word ("present",
/// "partly-present", "absent", "unknown") — never a number, never a total (red line 1). Audited like the pages.
/// </summary>
internal static class AssessmentsApi
{
    public sealed record ItemRead(string Domain, string Code, string Rating, string? Evidence, string? Source);

    public sealed record AssessmentRead(
        Guid Id, Guid CaseId, string Status, string Grid, int GridEdition, DateTime RequestedAt, DateTime? CompletedAt, string? Narrative, int Version,
        IReadOnlyList<ItemRead> Items);

    public static void MapAssessments(this RouteGroupBuilder v1)
    {
        var cases = v1.MapGroup("/cases").WithTags("Assessments").RequireAuthorization(Permissions.AssessmentsWrite);
        cases.MapGet("/{id:guid}/assessments", ListAsync)
            .WithName("CaseAssessments")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(Guid id, AssessmentFile file, CancellationToken ct)
    {
        var details = await file.OfCaseAsync(id, "api", ct);
        if (details is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "notfound.title");
        }

        return TypedResults.Ok(details.Select(d => new AssessmentRead(
            d.Id, d.CaseId, d.Status switch { AssessmentStatus.Requested => "requested", AssessmentStatus.Draft => "draft", _ => "completed" },
            d.GridCode, d.Edition, d.RequestedAt, d.CompletedAt, d.Narrative, d.Version,
            [.. d.Domains.SelectMany(dom => dom.Items.Select(i => new ItemRead(dom.Code, i.Code, RatingWords.Code(i.Rating), i.Evidence, i.Source)))])).ToList());
    }
}
