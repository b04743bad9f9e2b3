using Passerelle.Web.Features.Cases;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

internal static class CareFlagsApi
{
    public static void MapCareFlags(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/cases").WithTags("Register").RequireAuthorization(Permissions.RegisterRead)
            .MapGet("/{id:guid}/flags", FlagsAsync)
            .WithName("CaseFlags")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// A case's compartment flags as the case page shows them: the care plan's status and panel summary, the
    /// programme participant's status and panel summary, the returning-minor protocol's next review. Never a
    /// note. Out of scope: 404. Audited read.
    /// </summary>
    private static async Task<IResult> FlagsAsync(Guid id, CaseCompartmentFlags flags, CancellationToken ct)
    {
        var f = await flags.LoadAsync(id, ct);
        if (f is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "notfound.title");
        }

        return TypedResults.Ok(new
        {
            caseId = f.CaseId,
            care = f.Care is { } c ? new { state = c.State, since = c.Since, withdrawnOn = c.WithdrawnOn, outcome = c.Outcome, summary = c.Summary, summaryAt = c.SummaryAt } : null,
            programme = f.Programme is { } p
                ? new { status = p.Status, site = p.SiteCode, referredOn = p.ReferredOn, enrolledOn = p.EnrolledOn, followUpEndsOn = p.FollowUpEndsOn, endedOn = p.EndedOn, summary = p.Summary, summaryAt = p.SummaryAt }
                : null,
            minor = f.Minor is { } m ? new { id = m.Id, nextReviewOn = m.NextReviewOn, due = m.Due, overdue = m.Overdue, link = $"/minors/{m.Id}" } : null,
            openMinorProtocol = f.OfferMinorProtocol ? $"/minors/new?caseId={f.CaseId}" : null,
        });
    }
}
