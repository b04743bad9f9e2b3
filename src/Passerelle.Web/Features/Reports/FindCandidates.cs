using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Matching;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;
using DomainDate = Passerelle.Domain.PartialDate;
using MatchDate = Passerelle.Matching.PartialDate;

namespace Passerelle.Web.Features.Reports;

/// <summary>
/// Persons of the register who may be the person a report is about, with the probability and why
/// (issue 3, "In the product"). It proposes, people decide: nothing is attached or merged here.
/// The keys live in <c>person_match_keys</c>, so every app instance sees a new person at once. The
/// search reads persons of every territory, past the query filters, only to score them: a
/// candidate the user may not read leaves nothing but its département code (DESIGN.md red line 3).
/// </summary>
internal sealed class FindCandidates(PasserelleDb db, AuditLog audit, CurrentActor actor)
{
    /// <summary>
    /// Persons sharing the most keys with the query are scored, at most this many: one search stays
    /// cheap. Measured at 1M persons (bench/Passerelle.ApiBench): the true person ranks within the first
    /// 200 in 99.5 % of searches, within 500 in 99.7 %, for 2.5 times fewer rows read and scored.
    /// </summary>
    public const int MaxScored = 200;

    /// <summary>Candidates kept, best first (in scope and flags together).</summary>
    public const int MaxCandidates = 10;

    /// <summary>Aliases taken from one person: each is matched as a full name.</summary>
    private const int MaxAliases = 5;

    public sealed record Query(
        string? GivenName, string? Surname, string? Aliases, DomainDate? DateOfBirth, string? PlaceOfBirth, Sex Sex, string? Address);

    /// <summary>One field of the explanation: the agreement level in the engine's words, and its direction.</summary>
    public sealed record Evidence(MatchField Field, string Level, int Direction);

    public sealed record Candidate(
        Guid PersonId, string GivenName, string Surname, DomainDate? DateOfBirth, string TerritoryCode, double Probability, IReadOnlyList<Evidence> Evidence);

    /// <param name="Candidates">Persons the user may read, best first.</param>
    /// <param name="OtherTerritories">Départements holding a possible match the user may not read: codes only.</param>
    public sealed record Result(IReadOnlyList<Candidate> Candidates, IReadOnlyList<string> OtherTerritories);

    public async Task<Result> RunAsync(Query query, CancellationToken ct)
    {
        var scored = await ScoreAsync(query, ct);
        var top = scored.OrderByDescending(s => s.Result.Probability).ThenBy(s => s.Id).Take(MaxCandidates).ToList();
        var scope = actor.Scope;
        var readable = scope.Can(Permissions.RegisterRead);
        var candidates = top
            .Where(s => readable && scope.CoversTerritory(s.Territory))
            .Select(s => new Candidate(
                s.Id, s.GivenName, s.Surname, s.Dob, s.Territory, s.Result.Probability,
                [.. s.Result.Evidence.Where(e => e.Log2BayesFactor != 0).Select(e => new Evidence(e.Field, e.Level, Math.Sign(e.Log2BayesFactor)))]))
            .ToList();
        var flags = top
            .Where(s => !(readable && scope.CoversTerritory(s.Territory)))
            .Select(s => s.Territory)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        // A read of the register: stored before anything is shown (no event, no page). Counts only, never names.
        audit.Append("match.candidates", nameof(Person), null, reason: $"{candidates.Count} shown, {flags.Count} flags");
        foreach (var candidate in candidates)
        {
            audit.Append("person.listed", nameof(Person), candidate.PersonId, reason: "match candidate", territory: candidate.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
        return new Result(candidates, flags);
    }

    /// <summary>
    /// Ids of the persons of one département that match the query, for a coordination request to
    /// that département's panel: never shown to the sender, nothing audited as read.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> MatchesInTerritoryAsync(Query query, string territoryCode, CancellationToken ct)
    {
        var scored = await ScoreAsync(query, ct);
        return [.. scored.Where(s => s.Territory == territoryCode).OrderByDescending(s => s.Result.Probability).Select(s => s.Id).Take(MaxCandidates)];
    }

    private async Task<List<(Guid Id, string Territory, string GivenName, string Surname, DomainDate? Dob, MatchResult Result)>> ScoreAsync(Query query, CancellationToken ct)
    {
        var incoming = Records("query", query.GivenName, query.Surname, query.Aliases, query.DateOfBirth, query.PlaceOfBirth, query.Sex, query.Address);
        var keys = Keys(incoming);

        var ids = keys.Count == 0
            ? []
            : await db.PersonMatchKeys.AsNoTracking()
                .Where(k => keys.Contains(k.Key))
                .GroupBy(k => k.PersonId)
                .OrderByDescending(g => g.Count())
                .Take(MaxScored)
                .Select(g => g.Key)
                .ToListAsync(ct);

        // Past the territory filters on purpose, and only the fields matching needs.
        var persons = ids.Count == 0
            ? []
            : await db.Persons.IgnoreQueryFilters().AsNoTracking()
                .Where(p => ids.Contains(p.Id) && p.MergedIntoId == null)
                .Select(p => new { p.Id, p.TerritoryCode, p.GivenName, p.Surname, p.Aliases, p.BirthYear, p.BirthMonth, p.BirthDay, p.PlaceOfBirth, p.Sex, p.Address })
                .ToListAsync(ct);

        var scored = new List<(Guid Id, string Territory, string GivenName, string Surname, DomainDate? Dob, MatchResult Result)>();
        foreach (var p in persons)
        {
            var dob = DomainDate.FromParts(p.BirthYear, p.BirthMonth, p.BirthDay);
            var known = Records(p.Id.ToString(), p.GivenName, p.Surname, p.Aliases, dob, p.PlaceOfBirth, p.Sex, p.Address);
            var best = incoming.SelectMany(a => known.Select(b => MatchModel.Default.Compare(a, b))).MaxBy(r => r.Probability)!;
            if (best.Probability >= MatchModel.DefaultThreshold)
            {
                scored.Add((p.Id, p.TerritoryCode, p.GivenName, p.Surname, dob, best));
            }
        }

        return scored;
    }

    /// <summary>The keys stored for a person when it enters the register.</summary>
    public static IReadOnlyList<string> KeysOf(Person person) =>
        Keys(Records(person.Id.ToString(), person.GivenName, person.Surname, person.Aliases, person.DateOfBirth, person.PlaceOfBirth, person.Sex, person.Address));

    private static List<string> Keys(IEnumerable<MatchRecord> records) =>
        [.. records.SelectMany(MatchKeys.For)
            .Select(k => k.Length <= PersonMatchKey.MaxKeyLength ? k : k[..PersonMatchKey.MaxKeyLength])
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The person as the engine sees it, then once more per alias (an alias is a full name; the other fields stay).</summary>
    private static List<MatchRecord> Records(
        string id, string? givenName, string? surname, string? aliases, DomainDate? dateOfBirth, string? placeOfBirth, Sex sex, string? address)
    {
        var main = new MatchRecord(id)
        {
            GivenName = givenName,
            Surname = surname,
            DateOfBirth = dateOfBirth is { } d ? new MatchDate(d.Year, d.Month, d.Day) : null,
            PlaceOfBirth = placeOfBirth,
            Address = address,
            Sex = sex switch
            {
                Sex.Male => "M",
                Sex.Female => "F",
                _ => null,
            },
        };
        var records = new List<MatchRecord> { main };
        foreach (var alias in (aliases ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxAliases))
        {
            records.Add(main with { GivenName = null, Surname = null, FullName = alias });
        }

        return records;
    }
}
