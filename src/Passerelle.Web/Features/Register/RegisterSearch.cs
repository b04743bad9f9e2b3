using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Register;

/// <summary>
/// Searching the register by name, partial date of birth and case status, paginated. Rows come from
/// the filtered <c>Persons</c> set, so the territory and compartment rules hold for the list, the
/// count and every page. Persons merged into another are left out. Shared by the register page and
/// <c>GET /api/v1/persons</c>.
/// </summary>
internal sealed class RegisterSearch(PasserelleDb db, AuditLog audit, TimeProvider clock)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public sealed record Criteria(string? Query, string? DateOfBirth, CaseStatus? Status, int Page, int PageSize);

    public sealed record Row(Guid Id, string GivenName, string Surname, string? DateOfBirth, string Territory, CaseStatus? Status);

    public sealed record Results(IReadOnlyList<Row> Rows, int Total, int Page, int PageSize)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    /// <summary>Validates criteria as given by a user; returns message keys per field.</summary>
    public Dictionary<string, string> Validate(string? query, string? dateOfBirth, int page, int pageSize)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (query is { Length: > Limits.SearchQuery })
        {
            errors["query"] = "error.query-too-long";
        }

        if (!string.IsNullOrWhiteSpace(dateOfBirth) && !PartialDate.TryParse(dateOfBirth, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), out _))
        {
            errors["dateOfBirth"] = "error.date-invalid";
        }

        if (page < 1 || page > 100_000 || pageSize < 1 || pageSize > MaxPageSize)
        {
            errors["page"] = "error.page-invalid";
        }

        return errors;
    }

    public async Task<Results> RunAsync(Criteria criteria, CancellationToken ct)
    {
        // A person merged into another is reached through the survivor, never listed on its own.
        var persons = db.Persons.AsNoTracking().Where(p => p.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(criteria.Query))
        {
            // Each word must start a word of the names or aliases, accents and case aside ("lef" finds Lefèvre).
            foreach (var term in SearchText.Normalise(criteria.Query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
            {
                var start = " " + term;
                persons = persons.Where(p => p.SearchKey.Contains(start));
            }
        }

        if (!string.IsNullOrWhiteSpace(criteria.DateOfBirth)
            && PartialDate.TryParse(criteria.DateOfBirth, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), out var dob))
        {
            var d = dob.Value;
            persons = persons.Where(p => p.BirthYear == d.Year);
            if (d.Month is { } month)
            {
                persons = persons.Where(p => p.BirthMonth == null || p.BirthMonth == month);
            }

            if (d.Day is { } day)
            {
                persons = persons.Where(p => p.BirthDay == null || p.BirthDay == day);
            }
        }

        if (criteria.Status is { } status)
        {
            persons = persons.Where(p => p.Cases.Any(c => c.Status == status));
        }

        var total = await persons.CountAsync(ct);
        var rows = await persons
            .OrderBy(p => p.Surname).ThenBy(p => p.GivenName).ThenBy(p => p.Id)
            .Skip((criteria.Page - 1) * criteria.PageSize)
            .Take(criteria.PageSize)
            .Select(p => new
            {
                p.Id,
                p.GivenName,
                p.Surname,
                p.BirthYear,
                p.BirthMonth,
                p.BirthDay,
                p.TerritoryCode,
                Status = p.Cases.OrderByDescending(c => c.OpenedAt).Select(c => (CaseStatus?)c.Status).FirstOrDefault(),
            })
            .ToListAsync(ct);

        // One event for the search: what was done and how many rows were shown, never the terms (personal data).
        audit.Append("register.search", nameof(Person), null, reason: $"{rows.Count} of {total} shown");

        // Every person whose name appears in the list was read: the data-protection officer can answer
        // "who saw this person" for lists too, not only for opened files.
        foreach (var row in rows)
        {
            audit.Append("person.listed", nameof(Person), row.Id, territory: row.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);

        return new Results(
            [.. rows.Select(r => new Row(r.Id, r.GivenName, r.Surname, PartialDate.FromParts(r.BirthYear, r.BirthMonth, r.BirthDay)?.ToString(), r.TerritoryCode, r.Status))],
            total,
            criteria.Page,
            criteria.PageSize);
    }
}
