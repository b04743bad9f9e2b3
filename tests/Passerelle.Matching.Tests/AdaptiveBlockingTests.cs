using Passerelle.Matching;

namespace Passerelle.Matching.Tests;

/// <summary>
/// Hashed, adaptive blocking (issue 3 at a million records): the in-memory keys are the stored
/// keys, small inputs get exactly the pairs of plain blocking, oversized blocks are split
/// without losing the pair they exist for.
/// </summary>
public sealed class AdaptiveBlockingTests
{
    private static readonly string[] GivenNames =
    [
        "jean", "marie", "pierre", "anne", "louis", "claire", "paul", "julie", "michel", "sophie",
        "andre", "camille", "henri", "lucie", "jacques", "emma", "alain", "lea", "bernard", "chloe",
        "moussa", "fatou", "oumar", "awa", "ibrahima", "aminata", "ilyas", "zarema", "khassan", "amina",
    ];

    private static MatchRecord Person(int i, string given, string surname, PartialDate? dob) => new($"r{i}")
    {
        GivenName = given,
        Surname = surname,
        DateOfBirth = dob,
        Address = "12 rue des Lilas Roubaix",
        Postcode = "59100",
    };

    // Everything shares surname, postcode, street and birth year: the blocks on those keys hold
    // the whole input, far above the split size.
    private static List<MatchRecord> OneBigHousehold(int count)
    {
        var random = new Random(7);
        var records = new List<MatchRecord>();
        for (var i = 0; i < count; i++)
            records.Add(Person(i, (char)('a' + random.Next(26)) + GivenNames[random.Next(GivenNames.Length)], "Martin", new PartialDate(1980, 1 + random.Next(12), 1 + random.Next(28))));
        return records;
    }

    private static HashSet<(int, int)> PlainBlockingPairs(List<MatchRecord> records)
    {
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
            foreach (var key in MatchKeys.For(records[i]))
            {
                if (!blocks.TryGetValue(key, out var list)) blocks[key] = list = [];
                list.Add(i);
            }
        var pairs = new HashSet<(int, int)>();
        foreach (var block in blocks.Values)
        {
            if (block.Count > Blocking.MaxBlockSize) continue;
            for (var x = 0; x < block.Count; x++)
                for (var y = x + 1; y < block.Count; y++) pairs.Add((block[x], block[y]));
        }
        return pairs;
    }

    [Fact]
    public void In_memory_key_hashes_are_the_hashes_of_the_stored_key_strings()
    {
        foreach (var record in OneBigHousehold(200).Append(new MatchRecord("x") { FullName = "ВАСИЛЬЕВ, Александр", DateOfBirth = PartialDate.Parse("1975") })
            .Append(new MatchRecord("y") { Surname = "Jones", Email = "jjones@example.com" }))
        {
            var prepared = new PreparedRecord(record);
            var fromStrings = MatchKeys.For(record).Select(Blocking.Hash).Distinct().Order().ToArray();
            Blocking.Hashes(prepared).Hashes.ShouldBe(fromStrings);
            var batch = Blocking.Keys(prepared, batch: true).ToArray();
            Blocking.Hashes(prepared, batch: true).Hashes.ShouldBe(batch.Select(Blocking.Hash).Distinct().Order().ToArray());
            // In batch, a record with both names also has its names' keys alone and its names
            // with one letter deleted (pairs from them need a record with a name missing, or the
            // same initials or names of nearly the same letters), and its e-mail and its mailbox
            // name with one character deleted: the only difference.
            var extra = batch.Except(MatchKeys.For(record), StringComparer.Ordinal).ToArray();
            extra.Where(k => k.StartsWith("em:", StringComparison.Ordinal)).Count().ShouldBe(record.Email is null ? 0 : 24);
            var names = extra.Where(k => !k.StartsWith("em:", StringComparison.Ordinal)).ToArray();
            if (!Blocking.HasBothNames(prepared)) names.ShouldBeEmpty();
            else names.ShouldAllBe(k => k.StartsWith("t:", StringComparison.Ordinal) || k.StartsWith("dl:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_small_input_gets_exactly_the_pairs_of_plain_blocking()
    {
        var records = OneBigHousehold(600);
        records.Add(Person(600, "Jean", "Martin", PartialDate.Parse("1980-03-04")));
        records.Add(Person(601, "Jaen", "Martni", PartialDate.Parse("1981-03-04")));
        var prepared = records.Select(r => new PreparedRecord(r)).ToArray();

        var pairs = Blocking.DedupePairs(prepared);

        pairs.ToHashSet().SetEquals(PlainBlockingPairs(records)).ShouldBeTrue();
    }

    [Fact]
    public void Pairs_come_once_each_with_the_lower_index_first_in_a_fixed_order()
    {
        var prepared = OneBigHousehold(800).Select(r => new PreparedRecord(r)).ToArray();

        var pairs = Blocking.DedupePairs(prepared).ToArray();

        pairs.ShouldAllBe(p => p.Left < p.Right);
        pairs.Distinct().Count().ShouldBe(pairs.Length);
        pairs.ShouldBe(pairs.OrderBy(p => p.Left).ThenBy(p => p.Right).ToArray());
        Blocking.DedupePairs(prepared).ToArray().ShouldBe(pairs);
    }

    [Fact]
    public void An_oversized_block_is_split_and_still_pairs_the_typo_it_exists_for()
    {
        // 2,600 records: the surname, postcode and street blocks hold everybody (above 2,000).
        var records = OneBigHousehold(2600);
        var typo = records.Count;
        records.Add(Person(typo, "Jean", "Martin", PartialDate.Parse("1980-03-04")));
        records.Add(Person(typo + 1, "Jaen", "Martin", PartialDate.Parse("1980-03-04")));
        var prepared = records.Select(r => new PreparedRecord(r)).ToArray();

        var pairs = Blocking.DedupePairs(prepared).ToHashSet();

        pairs.ShouldContain((typo, typo + 1));
        // Plain blocking would compare every pair of the household (blocks of up to 2,000, such
        // as the surname with a birth month, stay whole in an input this small).
        pairs.Count.ShouldBeLessThan(records.Count * (records.Count - 1) / 2 / 5);
    }

    [Fact]
    public void The_split_size_falls_to_the_per_kind_limits_only_for_large_inputs()
    {
        var nameKey = Blocking.Hash("n:jAn|mArtin");
        var monthKey = Blocking.Hash("tm:jAn|3");
        Blocking.SplitAbove(nameKey, 5000).ShouldBe(Blocking.MaxBlockSize);
        Blocking.SplitAbove(nameKey, 1_000_000).ShouldBe(Blocking.StrongSplit);
        Blocking.SplitAbove(monthKey, 1_000_000).ShouldBe(Blocking.WeakSplit);
    }

    [Fact]
    public void Link_pairs_are_the_cross_pairs_sharing_a_key()
    {
        var left = OneBigHousehold(150);
        var right = OneBigHousehold(300).Select(r => r with { Id = "right-" + r.Id }).ToList();
        var l = left.Select(r => new PreparedRecord(r)).ToArray();
        var r = right.Select(x => new PreparedRecord(x)).ToArray();

        var pairs = Blocking.LinkPairs(l, r).ToHashSet();

        var expected = new HashSet<(int, int)>();
        for (var i = 0; i < left.Count; i++)
        {
            var keys = MatchKeys.For(left[i]).ToHashSet(StringComparer.Ordinal);
            for (var j = 0; j < right.Count; j++)
                if (MatchKeys.For(right[j]).Any(keys.Contains)) expected.Add((i, j));
        }
        pairs.SetEquals(expected).ShouldBeTrue();
    }

    [Fact]
    public void An_index_over_an_oversized_block_still_finds_the_person()
    {
        var index = new PersonIndex(MatchModel.Default);
        foreach (var r in OneBigHousehold(2600)) index.AddOrUpdate(r);
        index.AddOrUpdate(Person(9999, "Jean", "Martin", PartialDate.Parse("1980-03-04")));

        var candidates = index.FindCandidates(Person(10000, "Jaen", "Martin", PartialDate.Parse("1980-03-04")));

        candidates.Select(c => c.Id).ShouldContain("r9999");
        candidates[0].Result.Evidence.Count.ShouldBe(Enum.GetValues<MatchField>().Length);
    }
}
