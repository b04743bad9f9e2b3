using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Coordination;

/// <summary>
/// Coordination requests between panels (issue 3): when the candidate search finds a possible
/// match in a département the user may not read, the user can ask that département's panel to
/// get in touch. The sender gives only what they already know (the person as they described it);
/// the receiver sees, through its own scoped queries, which persons of its register matched, and
/// answers in free text. Nothing of the other register travels to the sender (red line 3).
/// </summary>
internal sealed class CoordinationRequests(PasserelleDb db, AuditLog audit, CurrentActor actor, FindCandidates find, TimeProvider clock)
{
    public const int PageSize = 20;

    public enum Outcome
    {
        Sent,
        AlreadySent,
        NoMatch,
        Invalid,
        NotFound,
        Conflict,
        Answered,
    }

    public sealed record SendResult(Outcome Outcome, CoordinationRequest? Request = null, IReadOnlyList<FieldError>? Errors = null);

    /// <summary>One request as a list row: the matched persons are resolved only for a reader of the receiving register.</summary>
    public sealed record Row(CoordinationRequest Request, bool Incoming);

    public sealed record Matched(Guid Id, string GivenName, string Surname, PartialDate? DateOfBirth);

    public sealed record Detail(CoordinationRequest Request, bool Incoming, bool CanAnswer, IReadOnlyList<Matched> Matches);

    /// <summary>
    /// Sends a request from <paramref name="fromTerritory"/> to the panel of <paramref name="toTerritory"/>.
    /// Refused when the user could read the target (no need to ask), when the search no longer finds
    /// anyone there, or when the same request is already open (a double click sends one).
    /// </summary>
    public async Task<SendResult> SendAsync(string? fromTerritory, string? toTerritory, FindCandidates.Query person, string? message, CancellationToken ct)
    {
        var scope = actor.Scope;
        var errors = new List<FieldError>();
        var from = fromTerritory?.Trim();
        var to = toTerritory?.Trim();
        if (string.IsNullOrEmpty(from) || !scope.CoversTerritory(from) || !Departements.All.Any(d => d.Code == from))
        {
            errors.Add(new("coordination.from", "error.coordination.from"));
        }

        if (string.IsNullOrEmpty(to) || !Departements.All.Any(d => d.Code == to) || scope.CoversTerritory(to))
        {
            errors.Add(new("coordination.to", "error.coordination.to"));
        }

        var text = ReportValidation.FreeText(errors, "coordination.message", message, CoordinationRequest.MaxMessageLength);
        if (string.IsNullOrWhiteSpace(person.Surname) && string.IsNullOrWhiteSpace(person.GivenName))
        {
            errors.Add(new("person.surname", "error.coordination.name-required"));
        }

        if (errors.Count > 0)
        {
            return new SendResult(Outcome.Invalid, Errors: errors);
        }

        var givenName = person.GivenName ?? string.Empty;
        var surname = person.Surname ?? string.Empty;
        var dob = person.DateOfBirth;
        int? year = dob?.Year, month = dob?.Month, day = dob?.Day;
        var existing = await db.CoordinationRequests.AsNoTracking()
            .Where(r => r.FromTerritoryCode == from && r.ToTerritoryCode == to && r.Status == CoordinationStatus.Open
                && r.GivenName == givenName && r.Surname == surname
                && r.BirthYear == year && r.BirthMonth == month && r.BirthDay == day)
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return new SendResult(Outcome.AlreadySent, existing);
        }

        var matches = await find.MatchesInTerritoryAsync(person, to!, ct);
        if (matches.Count == 0)
        {
            return new SendResult(Outcome.NoMatch);
        }

        var request = new CoordinationRequest
        {
            FromTerritoryCode = from!,
            ToTerritoryCode = to!,
            RequestedById = scope.UserId ?? "system",
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            GivenName = givenName,
            Surname = surname,
            BirthYear = year,
            BirthMonth = month,
            BirthDay = day,
            Message = text,
            MatchedPersonIds = string.Join(',', matches),
            Status = CoordinationStatus.Open,
        };
        db.CoordinationRequests.Add(request);
        audit.Append("coordination.requested", nameof(CoordinationRequest), request.Id, reason: $"{from} -> {to}, {matches.Count} matched", territory: to);
        await db.SaveChangesAsync(ct);
        return new SendResult(Outcome.Sent, request);
    }

    /// <summary>Requests received by or sent from the user's départements, newest first.</summary>
    public async Task<(IReadOnlyList<Row> Rows, int Total)> ListAsync(bool incoming, int page, CancellationToken ct)
    {
        var scope = actor.Scope;
        var territories = scope.Territories.ToArray();
        var national = scope.National;
        var query = db.CoordinationRequests.AsNoTracking();
        query = incoming
            ? query.Where(r => national || territories.Contains(r.ToTerritoryCode))
            : query.Where(r => national || territories.Contains(r.FromTerritoryCode));
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(r => r.Status)
            .ThenByDescending(r => r.RequestedAt)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(ct);
        audit.Append("coordination.listed", nameof(CoordinationRequest), null, reason: $"{(incoming ? "incoming" : "sent")}, {rows.Count} shown");
        await db.SaveChangesAsync(ct);
        return ([.. rows.Select(r => new Row(r, incoming))], total);
    }

    /// <summary>Open requests waiting for one of the user's panels.</summary>
    public Task<int> OpenIncomingCountAsync(CancellationToken ct)
    {
        var scope = actor.Scope;
        var territories = scope.Territories.ToArray();
        var national = scope.National;
        return db.CoordinationRequests.AsNoTracking()
            .CountAsync(r => r.Status == CoordinationStatus.Open && (national || territories.Contains(r.ToTerritoryCode)), ct);
    }

    /// <summary>
    /// One request. The matched persons are read through the scoped query: a reader of the
    /// receiving register sees them; the sender (who may not) gets an empty list, whatever the ids.
    /// </summary>
    public async Task<Detail?> GetAsync(Guid id, CancellationToken ct)
    {
        var request = await db.CoordinationRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            await audit.RecordAsync("coordination.read", nameof(CoordinationRequest), id, AuditLog.NotFound, ct: ct);
            return null;
        }

        var scope = actor.Scope;
        var incoming = scope.CoversTerritory(request.ToTerritoryCode);
        var matches = new List<Matched>();
        if (incoming)
        {
            var ids = request.MatchedPersonIds.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty)
                .Where(g => g != Guid.Empty)
                .ToArray();
            var persons = await db.Persons.AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.GivenName, p.Surname, p.BirthYear, p.BirthMonth, p.BirthDay, p.TerritoryCode, p.MergedIntoId })
                .ToListAsync(ct);
            foreach (var p in persons.OrderBy(p => p.Surname, StringComparer.Ordinal).ThenBy(p => p.GivenName, StringComparer.Ordinal))
            {
                // A person merged since the request points to the survivor.
                var target = p.MergedIntoId ?? p.Id;
                matches.Add(new Matched(target, p.GivenName, p.Surname, PartialDate.FromParts(p.BirthYear, p.BirthMonth, p.BirthDay)));
                audit.Append("person.listed", nameof(Person), p.Id, reason: "coordination request", territory: p.TerritoryCode);
            }
        }

        audit.Append("coordination.read", nameof(CoordinationRequest), id, territory: request.ToTerritoryCode);
        await db.SaveChangesAsync(ct);
        var canAnswer = incoming && request.Status == CoordinationStatus.Open && scope.Can(Permissions.RegisterWrite);
        return new Detail(request, incoming, canAnswer, matches);
    }

    /// <summary>The receiving panel's answer: a message to the sender. Once answered the request is closed.</summary>
    public async Task<SendResult> AnswerAsync(Guid id, string? answer, int expectedVersion, CancellationToken ct)
    {
        var request = await db.CoordinationRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        var scope = actor.Scope;
        if (request is null || !scope.CoversTerritory(request.ToTerritoryCode) || !scope.Can(Permissions.RegisterWrite))
        {
            await audit.RecordAsync("coordination.answer", nameof(CoordinationRequest), id, AuditLog.NotFound, ct: ct);
            return new SendResult(Outcome.NotFound);
        }

        var errors = new List<FieldError>();
        var text = ReportValidation.FreeText(errors, "coordination.answer", answer, CoordinationRequest.MaxMessageLength);
        if (errors.Count == 0 && text is null)
        {
            errors.Add(new("coordination.answer", "error.coordination.answer-required"));
        }

        if (errors.Count > 0)
        {
            return new SendResult(Outcome.Invalid, request, errors);
        }

        if (request.Version != expectedVersion || request.Status != CoordinationStatus.Open)
        {
            return new SendResult(Outcome.Conflict, request);
        }

        request.Answer = text;
        request.AnsweredById = scope.UserId;
        request.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        request.Status = CoordinationStatus.Answered;
        audit.Append("coordination.answered", nameof(CoordinationRequest), id, territory: request.FromTerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SendResult(Outcome.Conflict, request);
        }

        return new SendResult(Outcome.Answered, request);
    }
}
