using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

internal static class ReportsApi
{
    /// <summary>A report is text; 256 KiB is far above the longest narrative allowed.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    public static void MapReports(this RouteGroupBuilder v1)
    {
        var reports = v1.MapGroup("/reports").WithTags("Reports");
        reports.MapPost("/", CreateAsync)
            .RequireAuthorization(Permissions.ReportsCreate)
            .WithName("CreateReport")
            .Accepts<ReportSubmission>("application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        reports.MapGet("/{id:guid}", GetAsync).WithName("GetReport");
    }

    /// <summary>
    /// Records a report. Requires an Idempotency-Key: a replay returns the stored answer, the same key
    /// with another body is refused (422). The answer is stored in the report's own transaction.
    /// </summary>
    private static async Task<IResult> CreateAsync(
        HttpContext http, PasserelleDb db, RecordReport record, CurrentActor actor, TimeProvider clock,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length is 0 or > IdempotencyRecord.MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            return Problems.Validation("Idempotency-Key", "error.idempotency-key-missing");
        }

        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "error.body-invalid");
        }

        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "error.body-invalid");
        }

        var userId = actor.Scope.UserId!;
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var previous = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);
        if (previous is not null)
        {
            return Replay(http, previous, requestHash);
        }

        ReportSubmission? submission;
        try
        {
            submission = JsonSerializer.Deserialize<ReportSubmission>(body, json.Value.SerializerOptions);
        }
        catch (JsonException)
        {
            submission = null;
        }

        if (submission is null)
        {
            return Problems.Validation("body", "error.body-invalid");
        }

        var (valid, errors) = ReportValidation.Validate(submission, actor.Scope, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (valid is null)
        {
            return Problems.Validation(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (recorded, error) = await record.ExecuteAsync(valid, ct);
        if (recorded is null)
        {
            return Problems.Validation([error!]);
        }

        var answer = JsonSerializer.Serialize(new { id = recorded.ReportId, receipt = recorded.Receipt }, json.Value.SerializerOptions);
        var stored = new IdempotencyRecord
        {
            UserId = userId,
            Key = key,
            RequestHash = requestHash,
            StatusCode = StatusCodes.Status201Created,
            ContentType = "application/json; charset=utf-8",
            ResponseBody = answer,
            Location = $"/api/v1/reports/{recorded.ReportId}",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.IdempotencyRecords.Add(stored);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same key was stored meanwhile by a concurrent request: ours is rolled back, theirs is the answer.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);
            if (winner is null)
            {
                throw;
            }

            return Replay(http, winner, requestHash);
        }

        http.Response.Headers.Location = stored.Location;
        return Results.Text(answer, stored.ContentType, Encoding.UTF8, stored.StatusCode);
    }

    private static IResult Replay(HttpContext http, IdempotencyRecord previous, string requestHash)
    {
        if (!string.Equals(previous.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "error.idempotency-key-reused");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (previous.Location is not null)
        {
            http.Response.Headers.Location = previous.Location;
        }

        return Results.Text(previous.ResponseBody, previous.ContentType, Encoding.UTF8, previous.StatusCode);
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
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

    private static async Task<IResult> GetAsync(Guid id, PasserelleDb db, AuditLog audit, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            await audit.RecordAsync("report.read", nameof(Report), id, AuditLog.NotFound, ct: ct);
            return Problems.Status(StatusCodes.Status404NotFound, "notfound.title");
        }

        await audit.RecordAsync("report.read", nameof(Report), id, territory: report.TerritoryCode, ct: ct);
        return TypedResults.Ok(new
        {
            report.Id,
            report.Receipt,
            Territory = report.TerritoryCode,
            Source = ReportValidation.Code(report.Source),
            report.ReporterName,
            report.ReporterContact,
            Person = new
            {
                GivenName = report.ReportedGivenName,
                Surname = report.ReportedSurname,
                Aliases = report.ReportedAliases,
                DateOfBirth = report.ReportedDateOfBirth?.ToString(),
                PlaceOfBirth = report.ReportedPlaceOfBirth,
                Sex = ReportValidation.Code(report.ReportedSex),
                Address = report.ReportedAddress,
            },
            Behaviours = report.BehaviourCodes,
            report.Narrative,
            Urgency = ReportValidation.Code(report.Urgency),
            report.ReceivedAt,
            report.PersonId,
            report.CaseId,
        });
    }
}
