using System.Buffers.Binary;
using Passerelle.Bench;
using Passerelle.Domain;
using Passerelle.Matching;
using DomainDate = Passerelle.Domain.PartialDate;
using MatchDate = Passerelle.Matching.PartialDate;

namespace Passerelle.ApiBench;

/// <summary>A noisy re-report of the register's person <paramref name="Target"/> (an index into <see cref="Register.Persons"/>).</summary>
internal sealed record Query(MatchRecord Record, int Target);

/// <summary>
/// The register to load and the records to search it with, from the engine benchmark's generator
/// (bench/Passerelle.Bench/Generator.cs): the first record of each generated person (or twin) enters the
/// register, its later noisy copies are the incoming reports.
/// </summary>
internal sealed record Register(IReadOnlyList<Person> Persons, IReadOnlyList<Query> Queries)
{
    /// <summary>The bench user's département; the register is spread over these (a fifth each).</summary>
    public const string UserTerritory = "59";

    private static readonly string[] Territories = [UserTerritory, "62", "75", "69", "13"];

    private static readonly DateTime CreatedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Register Generate(int persons, int queries, int seed)
    {
        var pools = NamePools.Load(NamePools.FindLinkageData());
        var size = persons + persons / 2 + 1_000;
        while (true)
        {
            var (records, truth) = Generator.Generate(size, pools, seed);
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            var register = new List<Person>(persons);
            var copies = new List<Query>();
            for (var i = 0; i < records.Count; i++)
            {
                if (!first.TryGetValue(truth[i], out var target))
                {
                    if (register.Count < persons)
                    {
                        first[truth[i]] = register.Count;
                        register.Add(ToPerson(records[i], register.Count));
                    }
                }
                else
                {
                    copies.Add(new Query(records[i], target));
                }
            }

            if (register.Count == persons && copies.Count >= queries)
            {
                // A seeded shuffle: queries spread over the whole register, not its first persons.
                var random = new Random(seed + 1);
                var shuffled = copies.ToArray();
                random.Shuffle(shuffled);
                return new Register(register, shuffled[..queries]);
            }

            size += size / 5;
        }
    }

    /// <summary>
    /// The person as the app stores it. The generator's postcode has no column in the register (the app keeps
    /// an address, no postcode), and its records carry no sex, aliases or place of birth.
    /// </summary>
    private static Person ToPerson(MatchRecord r, int index)
    {
        var person = new Person
        {
            Id = IdOf(index),
            TerritoryCode = Territories[index % Territories.Length],
            GivenName = r.GivenName ?? string.Empty,
            Surname = r.Surname ?? string.Empty,
            DateOfBirth = r.DateOfBirth is { } d ? new DomainDate(d.Year, d.Month, d.Day) : null,
            Address = r.Address,
            Sex = Sex.Unknown,
            CreatedAt = CreatedAt,
            CreatedById = "bench",
            Version = 1,
        };
        person.RefreshSearchKey();
        return person;
    }

    /// <summary>A Guid v7 like the app's, made from the index so that two runs hold the same ids.</summary>
    private static Guid IdOf(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = new DateTimeOffset(CreatedAt).ToUnixTimeMilliseconds() + index;
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], milliseconds << 16);
        bytes[6] = 0x70;
        bytes[8] = 0x80;
        BinaryPrimitives.WriteInt32BigEndian(bytes[12..], index);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// The keys the app stores for a person (FindCandidates.KeysOf, internal to the app), rebuilt through the
    /// engine's public <see cref="MatchKeys.For"/>: the person, then once per alias (at most 5, as a full
    /// name), each key cut at the column's 200 characters, distinct.
    /// </summary>
    public static List<string> KeysOf(Person person) =>
        [.. Records(person.Id.ToString(), person.GivenName, person.Surname, person.Aliases, person.DateOfBirth, person.PlaceOfBirth, person.Sex, person.Address)
            .SelectMany(MatchKeys.For)
            .Select(k => k.Length <= MaxKeyLength ? k : k[..MaxKeyLength])
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The keys the app computes for an incoming report (the query side of FindCandidates).</summary>
    public static List<string> KeysOf(MatchRecord report) =>
        [.. Records("query", report.GivenName, report.Surname, null, ToDomain(report.DateOfBirth), null, Sex.Unknown, report.Address)
            .SelectMany(MatchKeys.For)
            .Select(k => k.Length <= MaxKeyLength ? k : k[..MaxKeyLength])
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The register's person of an id made by <see cref="IdOf"/>.</summary>
    public Person PersonOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return Persons[BinaryPrimitives.ReadInt32BigEndian(bytes[12..])];
    }

    /// <summary>
    /// FindCandidates' scoring, in process: the incoming record (and its aliases) against each person (and theirs),
    /// the best comparison kept, those at or above the engine's threshold, best first, ten at most.
    /// </summary>
    public static List<MatchResult> Score(MatchRecord report, IEnumerable<Person> persons)
    {
        var incoming = Records("query", report.GivenName, report.Surname, null, ToDomain(report.DateOfBirth), null, Sex.Unknown, report.Address);
        var kept = new List<MatchResult>();
        foreach (var p in persons)
        {
            var known = Records(p.Id.ToString(), p.GivenName, p.Surname, p.Aliases, p.DateOfBirth, p.PlaceOfBirth, p.Sex, p.Address);
            var best = incoming.SelectMany(a => known.Select(b => MatchModel.Default.Compare(a, b))).MaxBy(r => r.Probability)!;
            if (best.Probability >= MatchModel.DefaultThreshold)
            {
                kept.Add(best);
            }
        }

        return [.. kept.OrderByDescending(r => r.Probability).Take(10)];
    }

    public static string? DateText(MatchDate? date) => ToDomain(date)?.ToString();

    /// <summary>PersonMatchKey.MaxKeyLength in the app.</summary>
    private const int MaxKeyLength = 200;

    private const int MaxAliases = 5;

    private static DomainDate? ToDomain(MatchDate? date) => date is { } d ? new DomainDate(d.Year, d.Month, d.Day) : null;

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
