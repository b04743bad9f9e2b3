using Passerelle.Domain;
using Passerelle.Web.Features.Cases;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

internal static class CasesApi
{
    public sealed record TransitionRequest(string? To, string? Reason, int? Version);

    public static void MapCases(this RouteGroupBuilder v1)
    {
        var cases = v1.MapGroup("/cases").WithTags("Register").RequireAuthorization(Permissions.RegisterWrite);
        cases.MapPost("/{id:guid}/transitions", TransitionAsync)
            .WithName("TransitionCase")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Moves a case to a new status. The body carries the version the caller read (or an If-Match
    /// header does); if the case changed since, the answer is 409 and nothing is written.
    /// </summary>
    private static async Task<IResult> TransitionAsync(Guid id, TransitionRequest? body, HttpContext http, TransitionCase transition, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Validation("body", "error.body-invalid");
        }

        var errors = new List<FieldError>();
        CaseStatus to = default;
        if (string.IsNullOrWhiteSpace(body.To))
        {
            errors.Add(new("to", "error.required"));
        }
        else if (!Enum.TryParse(body.To, ignoreCase: true, out to) || !Enum.IsDefined(to) || int.TryParse(body.To, out _))
        {
            errors.Add(new("to", "error.unknown-value"));
        }

        var version = body.Version;
        if (version is null && int.TryParse(http.Request.Headers.IfMatch.ToString().Trim('"'), out var etag))
        {
            version = etag;
        }

        if (version is null)
        {
            errors.Add(new("version", "error.version-required"));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await transition.ExecuteAsync(id, to, body.Reason, version!.Value, ct);
        return result.Outcome switch
        {
            TransitionCase.Outcome.Done => TypedResults.Ok(new { id, status = to, version = result.Version }),
            TransitionCase.Outcome.NotFound => Problems.Status(StatusCodes.Status404NotFound, "notfound.title"),
            TransitionCase.Outcome.Conflict => Problems.Status(StatusCodes.Status409Conflict, "error.conflict"),
            _ => Problems.Validation(result.Error is ReasonRequired or ReasonTooLong ? "reason" : "to", "error." + result.Error!.Code),
        };
    }
}
