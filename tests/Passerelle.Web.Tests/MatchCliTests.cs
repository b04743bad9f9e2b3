using System.Text;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>The <c>passerelle match</c> verbs, run as a separate process on CSV files, as our evaluation runs them.</summary>
public sealed class MatchCliTests : IAsyncLifetime
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("match-cli-");
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private string Path_(string name) => Path.Combine(folder.FullName, name);

    private string Csv(string name, string content, Encoding? encoding = null)
    {
        var path = Path_(name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return path;
    }

    [Fact]
    public async Task Dedupe_WritesOneClusterIdPerRecord_KeepsTwinsApartAndJoinsSpellingVariants()
    {
        var input = Csv("people.csv",
            "ID, First_Name, Last_Name, DOB, City\n"
            + "1, Ilyas, Ievloev, 2005-06-01, Nazran\n"
            + "2, Iliass, Yevloyev, 01/06/2005, Nazran\n"
            + "3, Adam, Ievloev, 20050601, Nazran\n"
            + "4, Marie, Lefèvre, 1998, Lille\n"
            + "5, Marie, Lefevre, 1998-03-02, Lille\n"
            + "6, Paul, Durand, 1970-01-01, Brest\n");
        var output = Path_("clusters.csv");

        var result = await PasserelleCli.RunAsync(database, "match", "dedupe", "--input", input, "--output", output);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("candidate pairs compared");
        var lines = await File.ReadAllLinesAsync(output);
        lines[0].ShouldBe("id,cluster_id");
        var cluster = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        cluster.Keys.ShouldBe(["1", "2", "3", "4", "5", "6"], ignoreOrder: true);
        cluster["2"].ShouldBe(cluster["1"], "a transliteration variant with the same date of birth is the same person");
        cluster["5"].ShouldBe(cluster["4"], "an accent and a partial date do not split a person");
        cluster["3"].ShouldNotBe(cluster["1"], "a twin (same surname, date and place, another given name) stays apart");
        cluster["6"].ShouldNotBe(cluster["1"]);
    }

    [Fact]
    public async Task Dedupe_ReadsAnIdentityNumberColumn_SaysSo_AndIgnoreDropsIt()
    {
        // Record 2 carries another given name (a clerk's mistake) but the same number: the number
        // settles it; without the number the given name that shares nothing keeps them apart.
        var input = Csv("numbers.csv",
            "rec_id, given_name, surname, date_of_birth, soc_sec_id\n"
            + "1, Ilyas, Ievloev, 20050601, 1050659350123\n"
            + "2, Khassan, Ievloev, 20050601, 1050659350123\n"
            + "3, Adam, Ievloev, 20050601, 1050659350987\n");
        var withNumbers = Path_("with.csv");
        var withoutNumbers = Path_("without.csv");

        var first = await PasserelleCli.RunAsync(database, "match", "dedupe", "--input", input, "--output", withNumbers);
        var second = await PasserelleCli.RunAsync(database, "match", "dedupe", "--input", input, "--output", withoutNumbers, "--ignore", "soc_sec_id");

        first.ExitCode.ShouldBe(0, first.ToString());
        first.Error.ShouldContain("columns read: rec_id (id), given_name, surname, date_of_birth, soc_sec_id (id:ssn)");
        var with = (await File.ReadAllLinesAsync(withNumbers)).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        with["2"].ShouldBe(with["1"]);
        with["3"].ShouldNotBe(with["1"], "a twin with another number stays apart");

        second.ExitCode.ShouldBe(0, second.ToString());
        second.Error.ShouldNotContain("soc_sec_id");
        var without = (await File.ReadAllLinesAsync(withoutNumbers)).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        without.Values.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task Link_WritesTheAcceptedPairsWithTheirScore()
    {
        var left = Csv("left.csv", "rec_id,given_name,surname,date_of_birth\nL1,Moussa,Diallo,19990312\nL2,Jeanne,Martin,19800101\n");
        var right = Csv("right.csv", "unique_id,full_name,dob\nR1,Musa Diallo,1999-03-12\nR2,Luc Bernard,1960-05-05\n");
        var output = Path_("links.csv");

        var result = await PasserelleCli.RunAsync(database, "match", "link", "--left", left, "--right", right, "--output", output);

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = await File.ReadAllLinesAsync(output);
        lines[0].ShouldBe("id_l,id_r,score");
        var pair = lines.Skip(1).ShouldHaveSingleItem().Split(',');
        (pair[0], pair[1]).ShouldBe(("L1", "R1"));
        double.Parse(pair[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(0.5);
    }

    [Fact]
    public async Task Dedupe_OnAFileThatIsNotUtf8_ExitsWithAClearErrorAndWritesNothing()
    {
        var input = Csv("latin1.csv", "id,surname\n1,Lefèvre\n", Encoding.Latin1);
        var output = Path_("never.csv");

        var result = await PasserelleCli.RunAsync(database, "match", "dedupe", "--input", input, "--output", output);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("not UTF-8");
        File.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public async Task Dedupe_WithoutOutput_ExitsWithUsage()
    {
        var input = Csv("ok.csv", "id,surname\n1,Martin\n");

        var result = await PasserelleCli.RunAsync(database, "match", "dedupe", "--input", input);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--output is required");
    }

    [Fact]
    public async Task Dedupe_WithAnUnknownIgnoredColumn_NamesTheKnownOnes()
    {
        var input = Csv("ok2.csv", "id,surname\n1,Martin\n");

        var result = await PasserelleCli.RunAsync(database, "match", "dedupe", "--input", input, "--output", Path_("x.csv"), "--ignore", "shoe_size");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("unknown column(s) shoe_size");
    }
}
