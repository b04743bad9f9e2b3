using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Passerelle.Domain;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

/// <summary>
/// POST /api/v1/persons/candidates: what "Rechercher dans le registre" shows on the report form, for a
/// person described as a report describes them (issue 3). It proposes; nothing is attached or merged.
/// </summary>
internal static class CandidatesApi
{
    /// <summary>A person is a few short fields (under 2 KiB of text, 6 bytes a character at worst once escaped).</summary>
    private const int MaxBodyBytes = 16 * 1024;

    private const string PersonPrefix = "person.";

    /// <param name="Candidates">Persons of the caller's territories, best first.</param>
    /// <param name="OtherTerritories">Départements holding a possible match the caller may not read: codes only (need to know).</param>
    public sealed record Answer(IReadOnlyList<Candidate> Candidates, IReadOnlyList<string> OtherTerritories);

    /// <param name="DateOfBirth">Partial date as recorded: "2001", "2001-05" or "2001-05-17".</param>
    /// <param name="Probability">Probability that this is the same person, 0 to 1.</param>
    public sealed record Candidate(
        Guid PersonId, string GivenName, string Surname, string? DateOfBirth, string TerritoryCode, double Probability, IReadOnlyList<Evidence> Evidence);

    /// <param name="Field">GivenName, Surname, DateOfBirth, PlaceOfBirth, Address, Postcode or Sex.</param>
    /// <param name="Level">The agreement level in the engine's words (e.g. "exact", "one digit typo").</param>
    /// <param name="Direction">1 when the field speaks for the match, -1 against.</param>
    public sealed record Evidence(string Field, string Level, int Direction);

    /// <summary>Mapped inside the /persons group (register.read); the report form's own permission is required too.</summary>
    public static void MapCandidates(this RouteGroupBuilder persons) =>
        persons.MapPost("/candidates", FindAsync)
            .RequireAuthorization(Permissions.ReportsCreate)
            .WithName("FindCandidates")
            .WithSummary("Candidates from the register for a reported person")
            .WithDescription(
                "The body is the person part of a report (givenName, surname, aliases, dateOfBirth as \"2001\", \"2001-05\" or "
                + "\"2001-05-17\", placeOfBirth, sex M|F|U, address), validated as POST /api/v1/reports validates it. Candidates "
                + "of the caller's territories come with their probability and the evidence per field; a possible match "
                + "in another département is reported by its code alone. Every search is audited (match.candidates, and "
                + "person.listed per candidate shown). Nothing is written to the register.")
            .Accepts<ReportedPerson>("application/json")
            .Produces<Answer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> FindAsync(
        HttpContext http, FindCandidates find, CurrentActor actor, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "error.body-invalid");
        }

        ReportedPerson? person;
        try
        {
            person = JsonSerializer.Deserialize<ReportedPerson>(body, json.Value.SerializerOptions);
        }
        catch (JsonException)
        {
            person = null;
        }

        if (person is null)
        {
            return Problems.Validation("body", "error.body-invalid");
        }

        // The report's own validation, person fields only (the form's search does the same); field names without "person.".
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (_, errors) = ReportValidation.Validate(new ReportSubmission { Person = person }, actor.Scope, today);
        var personErrors = errors
            .Where(e => e.Field.StartsWith(PersonPrefix, StringComparison.Ordinal))
            .Select(e => e with { Field = e.Field[PersonPrefix.Length..] })
            .ToList();
        if (personErrors.Count > 0)
        {
            return Problems.Validation(personErrors);
        }

        var query = new FindCandidates.Query(
            Clean(person.GivenName),
            Clean(person.Surname),
            Clean(person.Aliases),
            PartialDate.TryParse(person.DateOfBirth, today, out var dob) ? dob : null,
            Clean(person.PlaceOfBirth),
            ReportValidation.Sexes.GetValueOrDefault(person.Sex?.Trim() ?? string.Empty, Sex.Unknown),
            Clean(person.Address));
        var result = await find.RunAsync(query, ct);
        return TypedResults.Ok(new Answer(
            [.. result.Candidates.Select(c => new Candidate(
                c.PersonId, c.GivenName, c.Surname, c.DateOfBirth?.ToString(), c.TerritoryCode, c.Probability,
                [.. c.Evidence.Select(e => new Evidence(e.Field.ToString(), e.Level, e.Direction))]))],
            result.OtherTerritories));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
