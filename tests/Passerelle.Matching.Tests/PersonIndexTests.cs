using System.Diagnostics;
using Passerelle.Matching;
using Xunit.Abstractions;

namespace Passerelle.Matching.Tests;

[Trait("Category", "Benchmark")] // reads ../shared/data/linkage
public sealed class PersonIndexTests(ITestOutputHelper output)
{
    private static MatchRecord Rec(string id, string given, string surname, string dob) =>
        new(id) { GivenName = given, Surname = surname, DateOfBirth = PartialDate.Parse(dob), Postcode = "59100" };

    [Fact]
    public void A_record_added_is_found_at_once_with_its_explanation()
    {
        var index = new PersonIndex(MatchModel.Default);
        index.AddOrUpdate(Rec("p1", "Moussa", "Diallo", "1999-01-15"));
        index.AddOrUpdate(Rec("p2", "Fatou", "Diallo", "2001-05-20"));
        var candidates = index.FindCandidates(Rec("new", "Musa", "Diallo", "1999-01-15"));
        candidates.Select(c => c.Id).ShouldBe(["p1"]);
        candidates[0].Result.Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("transliteration or token variant");
    }

    [Fact]
    public void Updating_a_record_moves_it_between_blocks_without_a_rebuild()
    {
        var index = new PersonIndex(MatchModel.Default);
        index.AddOrUpdate(Rec("p1", "Oumar", "Sow", "1980-02-02"));
        index.AddOrUpdate(Rec("p1", "Ibrahima", "Kane", "1975-10-10"));
        index.Count.ShouldBe(1);
        index.FindCandidates(Rec("q", "Oumar", "Sow", "1980-02-02")).ShouldBeEmpty();
        index.FindCandidates(Rec("q", "Ibrahima", "Kane", "1975-10-10")).Single().Id.ShouldBe("p1");
    }

    [Fact]
    public void A_removed_record_is_no_longer_proposed()
    {
        var index = new PersonIndex(MatchModel.Default);
        index.AddOrUpdate(Rec("p1", "Oumar", "Sow", "1980-02-02"));
        index.Remove("p1").ShouldBeTrue();
        index.Remove("p1").ShouldBeFalse();
        index.FindCandidates(Rec("q", "Oumar", "Sow", "1980-02-02")).ShouldBeEmpty();
    }

    [Fact]
    public void A_trained_model_survives_a_json_round_trip()
    {
        var data = Benchmarks.Febrl(1);
        var model = MatchModel.Train(data.Records);
        var copy = MatchModel.FromJson(model.ToJson());
        copy.ExpectedMatchesPerRecord.ShouldBe(model.ExpectedMatchesPerRecord);
        var a = data.Records[0];
        var b = data.Records[1];
        copy.Compare(a, b).Probability.ShouldBe(model.Compare(a, b).Probability);
    }

    [Fact]
    public void Invalid_model_json_is_rejected_with_a_clear_error() =>
        Should.Throw<FormatException>(() => MatchModel.FromJson("""{"Version":1,"ExpectedMatchesPerRecord":1,"Fields":{}}"""));

    [Fact]
    public void Link_returns_accepted_cross_pairs_only()
    {
        var left = new[] { Rec("l1", "Moussa", "Diallo", "1999-01-15"), Rec("l2", "Awa", "Ba", "1990-01-01") };
        var right = new[] { Rec("r1", "Musa", "Diallo", "1999-01-15"), Rec("r2", "Jean", "Martin", "1970-07-07") };
        var result = MatchEngine.Link(left, right, MatchModel.Default);
        result.Pairs.Select(p => (p.IdLeft, p.IdRight)).ShouldBe([("l1", "r1")]);
    }

    [Fact]
    public void An_index_fed_one_record_at_a_time_finds_the_febrl_originals_of_most_duplicates()
    {
        var data = Benchmarks.Febrl(3);
        var index = new PersonIndex(MatchModel.Train(data.Records));
        var originals = data.Records.Where(r => r.Id.EndsWith("-org", StringComparison.Ordinal)).ToArray();
        foreach (var r in originals) index.AddOrUpdate(r);
        var duplicates = data.Records.Where(r => !r.Id.EndsWith("-org", StringComparison.Ordinal)).ToArray();
        var found = 0;
        var times = new List<double>();
        foreach (var dup in duplicates)
        {
            var watch = Stopwatch.StartNew();
            var candidates = index.FindCandidates(dup, max: 5);
            times.Add(watch.Elapsed.TotalMilliseconds);
            var expected = dup.Id[..dup.Id.IndexOf("-dup", StringComparison.Ordinal)] + "-org";
            if (candidates.Count > 0 && candidates[0].Id == expected) found++;
        }
        times.Sort();
        var share = (double)found / duplicates.Length;
        output.WriteLine($"index of {originals.Length}: top candidate is the original for {share:P2} of {duplicates.Length} duplicates; query p50 {times[times.Count / 2]:F3} ms, p99 {times[(int)(times.Count * 0.99)]:F3} ms");
        share.ShouldBeGreaterThanOrEqualTo(0.85);
    }
}
