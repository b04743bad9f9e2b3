using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Programme;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

/// <summary>
/// <c>GET /api/v1/programme/participants</c> (the caller's sites' participants, paginated, optional status) and
/// <c>/{id}</c> (one participant with obligations, plan components and events). Programme workers only; the query
/// filter narrows to their sites' départements (another site's participant is not found); every participant
/// returned is audited.
/// </summary>
internal static class ProgrammeApi
{
    public const int MaxPageSize = 100;

    public static void MapProgramme(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/programme/participants").WithTags("Programme").RequireAuthorization(Permissions.ProgrammeRead);
        group.MapGet("/", ListAsync).WithName("ListProgrammeParticipants").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetProgrammeParticipant").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(PasserelleDb db, AuditLog audit, HttpContext context, CancellationToken ct, string? status = null, int page = 1, int pageSize = 20)
    {
        var errors = new List<FieldError>();
        var parsed = ProgrammeInput.Enum<ParticipantStatus>(errors, "status", status, required: false);
        if (page is < 1 or > 100_000)
        {
            errors.Add(new("page", "error.page-invalid"));
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add(new("pageSize", "error.page-invalid"));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = db.ProgrammeParticipants.AsNoTracking();
        if (parsed is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.SiteCode).ThenBy(p => p.ReferredOn).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new
            {
                p.Id, site = p.SiteCode, p.GivenName, p.Surname, p.BirthYear, status = p.Status, source = p.Source, p.ReferredOn, p.EnrolledOn,
                p.FollowUpStartsOn, p.FollowUpEndsOn, p.EndedOn, endReason = p.EndReason, p.Version, territory = p.TerritoryCode,
            })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            audit.Append("programme-participant.listed", nameof(ProgrammeParticipant), row.Id, reason: "api", territory: row.territory);
        }

        await db.SaveChangesAsync(ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new { items = rows, page, pageSize, total });
    }

    private static async Task<IResult> GetAsync(Guid id, PasserelleDb db, AuditLog audit, HttpContext context, CancellationToken ct)
    {
        var p = await db.ProgrammeParticipants.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            await audit.RecordAsync("programme-participant.read", nameof(ProgrammeParticipant), id, AuditLog.NotFound, reason: "api", ct: ct);
            return Problems.Status(StatusCodes.Status404NotFound, "notfound.title");
        }

        var obligations = await db.CourtObligations.AsNoTracking().Where(o => o.ParticipantId == id).OrderBy(o => o.StartsOn)
            .Select(o => new { o.Id, kind = o.Kind, o.Detail, o.StartsOn, o.EndsOn }).ToListAsync(ct);
        var components = await db.PlanComponents.AsNoTracking().Where(c => c.ParticipantId == id).OrderBy(c => c.Kind)
            .Select(c => new { c.Id, kind = c.Kind, c.Provider, status = c.Status, c.StartedOn, c.EndedOn, c.Note, c.Version }).ToListAsync(ct);
        var events = await db.ParticipantEvents.AsNoTracking().Where(e => e.ParticipantId == id).OrderBy(e => e.OccurredOn)
            .Select(e => new { e.Id, kind = e.Kind, category = e.Category, e.OffenceDetail, e.OccurredOn, e.Note }).ToListAsync(ct);
        await audit.RecordAsync("programme-participant.read", nameof(ProgrammeParticipant), id, reason: "api", territory: p.TerritoryCode, ct: ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new
        {
            p.Id, site = p.SiteCode, p.GivenName, p.Surname, p.BirthYear, status = p.Status, source = p.Source, p.ReferringService, p.ReferredOn, p.ReferralNote,
            p.EnrolledOn, p.FollowUpStartsOn, p.FollowUpEndsOn, p.EndedOn, endReason = p.EndReason, p.EndNote, p.PanelSummary, p.CohortYear, p.Version,
            obligations, components, events,
        });
    }
}
