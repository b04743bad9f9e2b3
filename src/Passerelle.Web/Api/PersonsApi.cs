using Passerelle.Domain;
using Passerelle.Web.Features.Persons;
using Passerelle.Web.Features.Register;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

internal static class PersonsApi
{
    public static void MapPersons(this RouteGroupBuilder v1)
    {
        var persons = v1.MapGroup("/persons").WithTags("Register").RequireAuthorization(Permissions.RegisterRead);
        persons.MapGet("/", SearchAsync).WithName("SearchPersons").ProducesValidationProblem();
        persons.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").ProducesProblem(StatusCodes.Status404NotFound);
        persons.MapCandidates();
    }

    /// <summary>Searches the register of the caller's territories (name or alias, partial date of birth, case status).</summary>
    private static async Task<IResult> SearchAsync(
        RegisterSearch search, CancellationToken ct,
        string? query = null, string? dateOfBirth = null, string? status = null, int page = 1, int pageSize = RegisterSearch.DefaultPageSize)
    {
        var errors = search.Validate(query, dateOfBirth, page, pageSize);
        CaseStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _))
            {
                parsedStatus = s;
            }
            else
            {
                errors["status"] = "error.unknown-value";
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors.Select(e => new FieldError(e.Key, e.Value)));
        }

        var results = await search.RunAsync(new RegisterSearch.Criteria(query, dateOfBirth, parsedStatus, page, pageSize), ct);
        return TypedResults.Ok(new
        {
            items = results.Rows.Select(r => new { r.Id, r.GivenName, r.Surname, r.DateOfBirth, Territory = r.Territory, r.Status }),
            results.Page,
            results.PageSize,
            results.Total,
        });
    }

    private static async Task<IResult> GetAsync(Guid id, PersonFile file, CancellationToken ct)
    {
        var person = await file.LoadAsync(id, ct);
        return person is null
            ? Problems.Status(StatusCodes.Status404NotFound, "notfound.title")
            : TypedResults.Ok(person with { });
    }
}
