using Passerelle.Matching;

namespace Passerelle.Matching.Tests;

/// <summary>
/// A father and a son of the same name at one address, generational suffixes, households without
/// a name, and a true pair whose dates are years apart: the rules of the date levels, the
/// generation veto and the cannot-link clustering.
/// </summary>
public sealed class GenerationTests
{
    private static readonly MatchModel Model = MatchModel.Default;

    private static MatchRecord Person(string id, string given, string surname, string? dob, string address = "3212 rue de la Gare", string postcode = "59100", string? sex = null) => new(id)
    {
        GivenName = given,
        Surname = surname,
        DateOfBirth = PartialDate.Parse(dob),
        Address = address,
        Postcode = postcode,
        Sex = sex,
    };

    [Fact]
    public void A_father_and_his_son_of_the_same_name_at_one_address_stay_apart()
    {
        var result = Model.Compare(Person("f", "Jean", "Martin", "1970-10-10", sex: "M"), Person("s", "Jean", "Martin", "1996-03-15", sex: "M"));
        result.Probability.ShouldBeLessThan(0.01);
        result.Evidence.Single(e => e.Field == MatchField.DateOfBirth).Level.ShouldBe("a generation apart");
    }

    [Fact]
    public void Junior_and_senior_stay_apart_even_without_dates()
    {
        var jr = new MatchRecord("a") { GivenName = "David", Surname = "Dobbins Jr", Address = "1450 N City Rd Arlington", Postcode = "23208" };
        var sr = new MatchRecord("b") { GivenName = "David", Surname = "Dobbins Senior", Address = "Suite 900, 1450 N City Rd Arlington", Postcode = "23208" };
        Model.Compare(jr, sr).Probability.ShouldBeLessThan(0.01);
        var second = new MatchRecord("c") { GivenName = "Morris II", Surname = "Klein", DateOfBirth = PartialDate.Parse("1982-04-12") };
        var first = new MatchRecord("d") { GivenName = "Morris I", Surname = "Klein", DateOfBirth = PartialDate.Parse("1982-04-12") };
        Model.Compare(first, second).Probability.ShouldBeLessThan(0.01);
        // One suffix alone says nothing against: "David Dobbins" may be either.
        var plain = new MatchRecord("e") { GivenName = "David", Surname = "Dobbins", Address = "1450 N City Rd Arlington", Postcode = "23208" };
        Model.Compare(jr, plain).Probability.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void Records_without_a_date_do_not_pull_a_father_and_his_son_together()
    {
        var records = new[]
        {
            Person("father", "Jean", "Martin", "1970-10-10", sex: "M"),
            Person("son", "Jean", "Martin", "1996-03-15"),
            Person("undated-1", "Jean", "Martin", null),
            Person("undated-2", "Jean", "Martin", null, sex: "M"),
        };
        var clusters = MatchEngine.Deduplicate(records, Model).ClusterIds;
        clusters[0].ShouldNotBe(clusters[1]);
    }

    [Fact]
    public void An_address_alone_never_makes_a_match()
    {
        var named = Person("a", "Edward", "Kusha", "1970-03-01");
        var anonymous = new MatchRecord("b") { Address = named.Address, Postcode = named.Postcode };
        Model.Compare(named, anonymous).Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
        MatchEngine.Deduplicate([named, anonymous], Model).ClusterIds.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void A_date_years_apart_is_accepted_only_when_names_and_address_agree_strongly()
    {
        var a = Person("a", "Caleb", "Rowe", "1992-11-20");
        var sameHome = Person("b", "Caleb", "Rowe", "2001-01-17");
        var elsewhere = Person("c", "Caleb", "Rowe", "2001-01-17", address: "", postcode: "");
        var otherGiven = Person("d", "Karim", "Rowe", "2001-01-17");
        var result = Model.Compare(a, sameHome);
        result.Evidence.Single(e => e.Field == MatchField.DateOfBirth).Level.ShouldBe("within ten years");
        result.Probability.ShouldBeGreaterThanOrEqualTo(MatchModel.DefaultThreshold);
        Model.Compare(a, elsewhere).Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
        Model.Compare(a, otherGiven).Probability.ShouldBeLessThan(0.01);
    }

    [Fact]
    public void Dates_a_month_apart_weigh_for_a_match_and_a_generation_apart_strongly_against()
    {
        var month = Model.Compare(Person("a", "Lola", "Brown", "1983-11-06"), Person("b", "Lola", "Brown", "1983-12-01"));
        month.Evidence.Single(e => e.Field == MatchField.DateOfBirth).Log2BayesFactor.ShouldBeGreaterThan(0);
        var generation = Model.Compare(Person("a", "Lola", "Brown", "1960"), Person("b", "Lola", "Brown", "1985-12-01"));
        generation.Evidence.Single(e => e.Field == MatchField.DateOfBirth).Log2BayesFactor.ShouldBeLessThanOrEqualTo(-30);
    }

    [Fact]
    public void A_record_missing_its_surname_meets_the_full_records_of_its_name_in_blocking()
    {
        var records = new[]
        {
            new PreparedRecord(new MatchRecord("a") { GivenName = "Theodore", Surname = "Morris", DateOfBirth = PartialDate.Parse("1978-08-19") }),
            new PreparedRecord(new MatchRecord("b") { GivenName = "Theodore", DateOfBirth = PartialDate.Parse("1979-08-21") }),
            new PreparedRecord(new MatchRecord("c") { GivenName = "Theodore", Surname = "Baker", DateOfBirth = PartialDate.Parse("1950-01-02") }),
        };
        var pairs = Blocking.DedupePairs(records).ToHashSet();
        pairs.ShouldContain((0, 1));
        pairs.ShouldContain((1, 2));
        // Two full records that share only a given name (initials differ) are not paired by it.
        pairs.ShouldNotContain((0, 2));
    }
}
