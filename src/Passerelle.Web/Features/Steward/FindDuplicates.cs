using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Matching;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using DomainDate = Passerelle.Domain.PartialDate;
using MatchDate = Passerelle.Matching.PartialDate;

namespace Passerelle.Web.Features.Steward;

/// <summary>
/// Probable duplicates inside the data steward's register (issue 3, "In the product"): pairs of
/// persons the engine finds more likely the same than not, with the probability of the pair and the
/// reason field by field. It proposes, people decide: nothing is merged here. Persons come from the
/// filtered set (the steward's territories only); a person already merged is left out.
/// </summary>
internal sealed class FindDuplicates(PasserelleDb db, AuditLog audit)
{
    public const int PageSize = 20;

    /// <summary>Register records a blocking lookup compares with one record: enough to keep every likely pair, bounded.</summary>
    private const int BlockedPerRecord = 50;

    /// <summary>Aliases taken from one person, as the report form's search takes them (<see cref="FindCandidates"/>).</summary>
    private const int MaxAliases = 5;

    public sealed record Side(Guid Id, string GivenName, string Surname, string? DateOfBirth, string TerritoryCode);

    /// <summary>Two persons and the probability that they are one, with the engine's explanation (never a score of a person).</summary>
    public sealed record Pair(Side A, Side B, double Probability, IReadOnlyList<FindCandidates.Evidence> Evidence);

    public sealed record Results(IReadOnlyList<Pair> Pairs, int Total, int Page)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public async Task<Results> RunAsync(int page, CancellationToken ct)
    {
        var persons = await db.Persons.AsNoTracking()
            .Where(p => p.MergedIntoId == null)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .ToListAsync(ct);
        var byId = persons.ToDictionary(p => p.Id);
        var records = persons.ToDictionary(p => p.Id, Records);
        var owner = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var index = new PersonIndex(MatchModel.Default);
        foreach (var (id, list) in records)
        {
            foreach (var record in list)
            {
                owner[record.Id] = id;
                index.AddOrUpdate(record);
            }
        }

        // The index only finds who to compare (blocking); each pair is then scored as the report form
        // scores a candidate (MatchModel.Default.Compare, best over names and aliases), so a pair shows
        // the same probability and explanation here, on the merge page and on the report form.
        var rank = persons.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var scored = new Dictionary<(Guid, Guid), MatchResult>();
        foreach (var person in persons)
        {
            foreach (var record in records[person.Id])
            {
                foreach (var candidate in index.FindCandidates(record, BlockedPerRecord, minProbability: 0))
                {
                    var other = owner[candidate.Id];
                    if (other == person.Id)
                    {
                        continue;
                    }

                    // Each pair once, the older record first.
                    var key = rank[person.Id] < rank[other] ? (person.Id, other) : (other, person.Id);
                    if (!scored.ContainsKey(key))
                    {
                        scored[key] = Best(records[key.Item1], records[key.Item2]);
                    }
                }
            }
        }

        var pairs = scored
            .Where(s => s.Value.Probability >= MatchModel.DefaultThreshold)
            .OrderByDescending(s => s.Value.Probability).ThenBy(s => rank[s.Key.Item1]).ThenBy(s => rank[s.Key.Item2])
            .ToList();
        var shown = pairs
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(s => new Pair(SideOf(byId[s.Key.Item1]), SideOf(byId[s.Key.Item2]), s.Value.Probability, Explain(s.Value)))
            .ToList();

        // A read of the register, stored before the page is shown: counts only in the search event, then
        // one event per person whose name appears, so "who saw this person" covers this list too.
        audit.Append("steward.duplicates", nameof(Person), null, reason: $"{shown.Count} of {pairs.Count} pairs shown");
        foreach (var side in shown.SelectMany(p => new[] { p.A, p.B }).DistinctBy(s => s.Id))
        {
            audit.Append("person.listed", nameof(Person), side.Id, reason: "probable duplicate", territory: side.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
        return new Results(shown, pairs.Count, page);
    }

    /// <summary>The engine's view of two persons: the best comparison over their names and aliases.</summary>
    public static MatchResult Compare(Person a, Person b) => Best(Records(a), Records(b));

    /// <summary>The explanation shown to people: the fields that weighed, and which way.</summary>
    public static IReadOnlyList<FindCandidates.Evidence> Explain(MatchResult result) =>
        [.. result.Evidence.Where(e => e.Log2BayesFactor != 0).Select(e => new FindCandidates.Evidence(e.Field, e.Level, Math.Sign(e.Log2BayesFactor)))];

    private static MatchResult Best(List<MatchRecord> a, List<MatchRecord> b) =>
        a.SelectMany(x => b.Select(y => MatchModel.Default.Compare(x, y))).MaxBy(r => r.Probability)!;

    private static Side SideOf(Person p) => new(p.Id, p.GivenName, p.Surname, p.DateOfBirth?.ToString(), p.TerritoryCode);

    /// <summary>
    /// The person as the engine sees it, then once more per alias (an alias is a full name; the other
    /// fields stay): the same mapping as the report form's search (<see cref="FindCandidates"/>).
    /// </summary>
    private static List<MatchRecord> Records(Person person)
    {
        DomainDate? dob = person.DateOfBirth;
        var main = new MatchRecord(person.Id.ToString("N"))
        {
            GivenName = person.GivenName,
            Surname = person.Surname,
            DateOfBirth = dob is { } d ? new MatchDate(d.Year, d.Month, d.Day) : null,
            PlaceOfBirth = person.PlaceOfBirth,
            Address = person.Address,
            Sex = person.Sex switch
            {
                Sex.Male => "M",
                Sex.Female => "F",
                _ => null,
            },
        };
        var records = new List<MatchRecord> { main };
        var n = 0;
        foreach (var alias in (person.Aliases ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxAliases))
        {
            records.Add(main with { Id = $"{main.Id}/{++n}", GivenName = null, Surname = null, FullName = alias });
        }

        return records;
    }
}
