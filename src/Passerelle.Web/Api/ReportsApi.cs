using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        if (previous is not null && !Expired(previous, clock))
        {
            return Replay(http, previous, requestHash, clock);
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

        // Claim the key, committed on its own: a second request with this key now gets 409 until we answer.
        var claimedAt = clock.GetUtcNow().UtcDateTime;
        if (!await ClaimAsync(db, userId, key, requestHash, claimedAt, previous, ct))
        {
            db.ChangeTracker.Clear();
            var holder = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);
            return holder is null
                ? Problems.Status(StatusCodes.Status409Conflict, "error.idempotency-key-in-flight")
                : Replay(http, holder, requestHash, clock);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (recorded, error) = await record.ExecuteAsync(valid, ct);
            if (recorded is null)
            {
                await transaction.RollbackAsync(ct);
                await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key && r.StatusCode == IdempotencyRecord.InFlight && r.CreatedAt == claimedAt)
                    .ExecuteDeleteAsync(CancellationToken.None);
                return Problems.Validation([error!]);
            }

            var answer = JsonSerializer.Serialize(new { id = recorded.ReportId, receipt = recorded.Receipt }, json.Value.SerializerOptions);
            const string contentType = "application/json; charset=utf-8";
            var location = $"/api/v1/reports/{recorded.ReportId}";

            // The answer is stored in the report's own transaction, only if our claim still holds.
            var completed = await db.IdempotencyRecords
                .Where(r => r.UserId == userId && r.Key == key && r.StatusCode == IdempotencyRecord.InFlight && r.CreatedAt == claimedAt)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(r => r.StatusCode, StatusCodes.Status201Created)
                        .SetProperty(r => r.ContentType, contentType)
                        .SetProperty(r => r.ResponseBody, answer)
                        .SetProperty(r => r.Location, location),
                    ct);
            if (completed != 1)
            {
                // Our lease ran out and another request took the key over: ours is rolled back, theirs answers.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var winner = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);
                return winner is null
                    ? Problems.Status(StatusCodes.Status409Conflict, "error.idempotency-key-in-flight")
                    : Replay(http, winner, requestHash, clock);
            }

            await transaction.CommitAsync(ct);
            http.Response.Headers.Location = location;
            return Results.Text(answer, contentType, Encoding.UTF8, StatusCodes.Status201Created);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The database failed mid-way (restart, lost connection): nothing was acknowledged, so free
            // the key at once (best effort) rather than make the client's retries wait out the lease.
            await ReleaseClaimAsync(db, userId, key, claimedAt);
            throw;
        }
    }

    private static async Task ReleaseClaimAsync(PasserelleDb db, string userId, string key, DateTime claimedAt)
    {
        try
        {
            db.ChangeTracker.Clear();
            await db.IdempotencyRecords
                .Where(r => r.UserId == userId && r.Key == key && r.StatusCode == IdempotencyRecord.InFlight && r.CreatedAt == claimedAt)
                .ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // The database is still away: the lease frees the key later.
        }
    }

    private static bool Expired(IdempotencyRecord record, TimeProvider clock) =>
        record.StatusCode == IdempotencyRecord.InFlight && record.CreatedAt + IdempotencyRecord.Lease <= clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Inserts the claim (or takes over an expired one) and commits it. False when another request
    /// holds or has answered the key.
    /// </summary>
    private static async Task<bool> ClaimAsync(PasserelleDb db, string userId, string key, string requestHash, DateTime claimedAt, IdempotencyRecord? expired, CancellationToken ct)
    {
        if (expired is not null)
        {
            if (!string.Equals(expired.RequestHash, requestHash, StringComparison.Ordinal))
            {
                return false;
            }

            var taken = await db.IdempotencyRecords
                .Where(r => r.UserId == userId && r.Key == key && r.StatusCode == IdempotencyRecord.InFlight && r.CreatedAt == expired.CreatedAt)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, claimedAt), ct);
            return taken == 1;
        }

        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserId = userId,
            Key = key,
            RequestHash = requestHash,
            StatusCode = IdempotencyRecord.InFlight,
            ContentType = string.Empty,
            ResponseBody = string.Empty,
            CreatedAt = claimedAt,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private static IResult Replay(HttpContext http, IdempotencyRecord previous, string requestHash, TimeProvider clock)
    {
        if (!string.Equals(previous.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "error.idempotency-key-reused");
        }

        if (previous.StatusCode == IdempotencyRecord.InFlight)
        {
            var wait = previous.CreatedAt + IdempotencyRecord.Lease - clock.GetUtcNow().UtcDateTime;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status409Conflict, "error.idempotency-key-in-flight");
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

    private static async Task<IResult> GetAsync(Guid id, PasserelleDb db, AuditLog audit, CurrentActor actor, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            await audit.RecordAsync("report.read", nameof(Report), id, AuditLog.NotFound, ct: ct);
            return Problems.Status(StatusCodes.Status404NotFound, "notfound.title");
        }

        await audit.RecordAsync("report.read", nameof(Report), id, territory: report.TerritoryCode, ct: ct);

        // Whoever recorded it without reading the register (hotline, partner) sees its status, nothing of the follow-up.
        var register = actor.Scope.Can(Permissions.RegisterRead);
        return TypedResults.Ok(new ReportView(
            report.Id,
            report.Receipt,
            report.TerritoryCode,
            ReportValidation.Code(report.Source),
            report.ReporterName,
            report.ReporterContact,
            new ReportedPersonView(
                report.ReportedGivenName,
                report.ReportedSurname,
                report.ReportedAliases,
                report.ReportedDateOfBirth?.ToString(),
                report.ReportedPlaceOfBirth,
                ReportValidation.Code(report.ReportedSex),
                report.ReportedAddress),
            report.BehaviourCodes,
            report.Narrative,
            ReportValidation.Code(report.Urgency),
            report.ReceivedAt,
            report.Status switch
            {
                ReportStatus.Received => "received",
                ReportStatus.TakenInCharge => "taken-in-charge",
                _ => "not-pursued",
            },
            register ? report.PersonId : null,
            register ? report.CaseId : null,
            report.CallerRelation,
            report.CallbackConsent,
            report.MainWorry,
            report.Organisation,
            report.OrganisationType,
            report.RoutedByCallerTerritory));
    }

    /// <summary>A report as the API returns it; the person and case ids only for readers of the register.</summary>
    internal sealed record ReportView(
        Guid Id,
        string Receipt,
        string Territory,
        string Source,
        string? ReporterName,
        string? ReporterContact,
        ReportedPersonView Person,
        IReadOnlyList<string> Behaviours,
        string Narrative,
        string Urgency,
        DateTime ReceivedAt,
        string Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? PersonId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? CaseId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallerRelation,
        bool CallbackConsent,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MainWorry,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Organisation,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrganisationType,
        bool RoutedByCallerTerritory);

    internal sealed record ReportedPersonView(
        string GivenName, string Surname, string? Aliases, string? DateOfBirth, string? PlaceOfBirth, string Sex, string? Address);
}
