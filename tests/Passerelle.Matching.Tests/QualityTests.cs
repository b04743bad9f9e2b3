using System.Diagnostics;
using Passerelle.Matching;
using Xunit.Abstractions;

namespace Passerelle.Matching.Tests;

/// <summary>
/// Quality on the shared benchmarks at the one default threshold. Floors sit a little under the
/// measured figures (see the report) so that they catch regressions, not noise.
/// </summary>
[Trait("Category", "Benchmark")] // reads ../shared/data/linkage
public sealed class QualityTests(ITestOutputHelper output)
{
    // Measured at the default threshold with the given-name and generation vetoes and the
    // ambiguity rule: recall 0.876 / 0.831 / 0.818, precision 1.000 each; without the given-name veto F1 0.971 / 0.970 / 0.970
    // (see the README: FEBRL replaces given names in true duplicates, which looks exactly like
    // twins, and replaces whole dates of birth in about 4 % of them, which looks like a father
    // and his son).
    [Theory]
    [InlineData(1, 0.995, 0.865, 0.965)]
    [InlineData(2, 0.995, 0.825, 0.965)]
    [InlineData(3, 0.995, 0.81, 0.965)]
    public void Febrl_dedupe_reaches_the_precision_and_recall_floors(int dataset, double minPrecision, double minRecall, double minF1WithoutVeto)
    {
        var data = Benchmarks.Febrl(dataset);
        var watch = Stopwatch.StartNew();
        var result = MatchEngine.Deduplicate(data.Records);
        var scores = Benchmarks.Pairwise(result.ClusterIds, data.Truth);
        output.WriteLine($"FEBRL dataset{dataset}: {scores}; compared {result.Statistics.CandidatePairs} pairs ({result.Statistics.ComparisonFraction:P3}) in {watch.ElapsedMilliseconds} ms");
        var prepared = data.Records.Select(r => new PreparedRecord(r)).ToArray();
        var trained = MatchModel.Train(prepared, Blocking.DedupePairs(prepared));
        var noVeto = MatchEngine.Deduplicate(data.Records, new MatchModel(trained) { GivenNameVeto = false });
        var noVetoScores = Benchmarks.Pairwise(noVeto.ClusterIds, data.Truth);
        output.WriteLine($"  without the given-name veto (measurement only): {noVetoScores}");
        scores.Precision.ShouldBeGreaterThanOrEqualTo(minPrecision);
        scores.Recall.ShouldBeGreaterThanOrEqualTo(minRecall);
        noVetoScores.F1.ShouldBeGreaterThanOrEqualTo(minF1WithoutVeto);
    }

    // With FEBRL's soc_sec_id read as an identity number (as Splink's FEBRL demo, 0.993 on
    // dataset3, does): a number that agrees exactly lifts the vetoes, so duplicates whose given
    // name or date was replaced are found, while twins and fathers and sons, whose numbers
    // differ, stay apart. So does a typing slip no issuing office makes between two people
    // (neighbours swapped, a character substituted before the last two). Measured F1 0.9980 /
    // 0.9979 / 0.9951, precision 1.000 each: the issue's target, 0.995, is the floor.
    [Theory]
    [InlineData(1, 0.995)]
    [InlineData(2, 0.995)]
    [InlineData(3, 0.995)]
    public void Febrl_dedupe_with_the_identity_number_reaches_the_f1_floor(int dataset, double minF1)
    {
        var data = Benchmarks.Febrl(dataset, withSocialSecurity: true);
        var result = MatchEngine.Deduplicate(data.Records);
        var scores = Benchmarks.Pairwise(result.ClusterIds, data.Truth);
        output.WriteLine($"FEBRL dataset{dataset} with soc_sec_id: {scores}");
        scores.Precision.ShouldBeGreaterThanOrEqualTo(0.999);
        scores.F1.ShouldBeGreaterThanOrEqualTo(minF1);
    }

    [Fact]
    public void Fake_1000_dedupe_with_e_mail_reaches_the_f1_floor()
    {
        var data = Benchmarks.Fake1000(withEmail: true);
        var result = MatchEngine.Deduplicate(data.Records);
        var scores = Benchmarks.Pairwise(result.ClusterIds, data.Truth);
        output.WriteLine($"fake_1000 with e-mail: {scores}");
        // Measured: P 1.000, R 0.904, F1 0.949 (Splink's demo, which reads the e-mail too: 0.81); the
        // e-mail counts with the household fields (a family or an office shares one).
        scores.Precision.ShouldBeGreaterThanOrEqualTo(0.995);
        scores.F1.ShouldBeGreaterThanOrEqualTo(0.945);
    }

    [Fact]
    public void Fake_1000_dedupe_reaches_the_f1_floor()
    {
        var data = Benchmarks.Fake1000();
        var result = MatchEngine.Deduplicate(data.Records);
        var scores = Benchmarks.Pairwise(result.ClusterIds, data.Truth);
        output.WriteLine($"fake_1000: {scores}; compared {result.Statistics.CandidatePairs} pairs ({result.Statistics.ComparisonFraction:P3})");
        // Measured: P 1.000, R 0.819, F1 0.901 (no e-mail: the CLI contract has no such column);
        // 0.898 before the one-deletion name keys in blocking. The floor is the issue's target.
        scores.Precision.ShouldBeGreaterThanOrEqualTo(0.995);
        scores.F1.ShouldBeGreaterThanOrEqualTo(0.90);
    }

    // Names, dates, addresses and sex only — measured P 0.91, R 0.72 (តារា គឹម meets Dara Kim
    // since Khmer is romanised): most misses rest on phones, e-mails or document numbers, none
    // of which this run reads (the undated Pat Smith fits Patrick, 1970, and Patricia, 1990, alike without their
    // passports, and joins neither); the false merges left are relatives the contract's fields
    // cannot tell apart (two undated Pat Smiths at one address, Jay Jones / Jones Jay with nothing else, an
    // undated Robert Smith with no address, whom the Robert / Bob short form brings to the Bob
    // Smith records, and Andrew / Andy Anderson with nothing else). Twins Mark / Marsha and
    // triplets Darla / Darlene / Darletta (one date, no sex) and Anna / Annabelle stay apart
    // since names that start alike and end otherwise are no close spelling (P was 0.83).
    // With numbers, e-mails and phones — measured P 0.948, R 0.892 (فيصل صديقي meets Faisal
    // Siddiqui, Keeley meets Kaylee, Alexander Pavlovich meets Аляксандр Паўлавіч, Susan Meyer
    // meets Susan Meyer Thomas): shared e-mails (a family's, an office's "info@") count with
    // the household fields, so they do not join twins or colleagues on their own.
    [Theory]
    [InlineData(false, 0.90, 0.71)]
    [InlineData(true, 0.94, 0.885)]
    public void Senzing_truth_set_persons_reach_the_measured_floors(bool withContacts, double minPrecision, double minRecall)
    {
        var data = Benchmarks.Senzing(withContacts);
        var result = MatchEngine.Deduplicate(data.Records);
        var scores = Benchmarks.Pairwise(result.ClusterIds, data.Truth);
        output.WriteLine($"Senzing persons ({data.Records.Count} records{(withContacts ? ", with numbers, e-mails and phones" : "")}): {scores}");
        WriteDisagreements(data, result);
        scores.Precision.ShouldBeGreaterThanOrEqualTo(minPrecision);
        scores.Recall.ShouldBeGreaterThanOrEqualTo(minRecall);
    }

    // Every pair the clustering gets wrong, for the reader of the test output.
    private void WriteDisagreements(Benchmarks.Labelled data, DedupeResult result)
    {
        for (var i = 0; i < data.Records.Count; i++)
            for (var j = i + 1; j < data.Records.Count; j++)
            {
                var same = string.Equals(data.Truth[i], data.Truth[j], StringComparison.Ordinal);
                var merged = string.Equals(result.ClusterIds[i], result.ClusterIds[j], StringComparison.Ordinal);
                if (same != merged) output.WriteLine($"{(same ? "missed" : "FALSE MERGE")}: {Describe(data.Records[i])} <-> {Describe(data.Records[j])}");
            }
    }

    private static string Describe(MatchRecord r) =>
        $"{r.Id} [{r.GivenName}|{r.Surname}|{r.FullName}|{r.DateOfBirth}|{r.Address}|{r.Postcode}|{r.Sex}|{string.Join(' ', (r.Identifiers ?? []).Select(x => x.Kind + ":" + x.Number))}|{r.Email}|{r.Phone}]";
}
