using Passerelle.Matching;

namespace Passerelle.Matching.Tests;

/// <summary>
/// Identity-document numbers, e-mail and phone: a number of the same kind that agrees exactly
/// settles what names and dates cannot (a replaced given name), a different one keeps relatives
/// apart, and neither a one-character difference nor a number of another kind lifts a veto.
/// </summary>
public sealed class IdentifierTests
{
    private static readonly MatchModel Model = MatchModel.Default;

    private static readonly string[] GivenNames =
    [
        "Ilyas", "Adam", "Khassan", "Magomed", "Ibragim", "Zelimkhan", "Paul", "Zoe", "Marie", "Karim",
        "Fatou", "Oumar", "Jeanne", "Lucas", "Sofia", "Hugo", "Nadia", "Bilal", "Chloe", "Yanis",
        "Ines", "Tom", "Lea", "Rayan", "Emma", "Noah", "Sarah", "Mehdi", "Clara", "Ethan",
    ];

    private static MatchRecord Person(string id, string given, string dob, params PersonIdentifier[] identifiers) => new(id)
    {
        GivenName = given,
        Surname = "Ievloev",
        DateOfBirth = PartialDate.Parse(dob),
        PlaceOfBirth = "Roubaix",
        Address = "12 rue des Lilas",
        Postcode = "59100",
        Identifiers = identifiers,
    };

    private static PersonIdentifier Passport(string number) => new("passport", number);

    private static FieldEvidence Evidence(MatchResult result, MatchField field) => result.Evidence.Single(e => e.Field == field);

    [Fact]
    public void Twins_with_different_passport_numbers_stay_apart()
    {
        var result = Model.Compare(Person("a", "Ilyas", "2005-06-01", Passport("12AB34567")), Person("b", "Adam", "2005-06-01", Passport("19CD80211")));
        result.Probability.ShouldBeLessThan(0.001);
        result.VetoLifted.ShouldBeFalse();
        Evidence(result, MatchField.Identifier).Level.ShouldBe("different");
        Evidence(result, MatchField.Identifier).Log2BayesFactor.ShouldBeLessThan(0);
    }

    [Fact]
    public void Twins_with_consecutive_passport_numbers_stay_apart_a_one_character_difference_lifts_no_veto()
    {
        var result = Model.Compare(Person("a", "Ilyas", "2005-06-01", Passport("12AB34567")), Person("b", "Adam", "2005-06-01", Passport("12AB34568")));
        Evidence(result, MatchField.Identifier).Level.ShouldBe("one character different");
        result.VetoLifted.ShouldBeFalse();
        result.Probability.ShouldBeLessThan(0.05);
        MatchEngine.Deduplicate([Person("a", "Ilyas", "2005-06-01", Passport("12AB34567")), Person("b", "Adam", "2005-06-01", Passport("12AB34568"))], Model)
            .ClusterIds.Distinct().Count().ShouldBe(2);
    }

    [Theory]
    [InlineData("12AB34567", "12AB34568", "one character different")] // substitution
    [InlineData("12AB34567", "12AB34576", "one character different")] // neighbours swapped
    [InlineData("12AB34567", "12AB35476", "different")] // two slips
    [InlineData("12AB34567", "12AB3456", "different")] // a character lost
    public void Number_levels(string a, string b, string level) =>
        Evidence(Model.Compare(Person("a", "Ilyas", "2005-06-01", Passport(a)), Person("b", "Ilyas", "2005-06-01", Passport(b))), MatchField.Identifier).Level.ShouldBe(level);

    [Theory]
    [InlineData("12AB34567", "12AB34576", true)] // neighbours swapped: never a number and the next one
    [InlineData("12AB34567", "21AB34567", true)]
    [InlineData("12AB34567", "12AC34567", true)] // substituted well before the end
    [InlineData("12AB34567", "12AB34568", false)] // the next number: a twin's passport
    [InlineData("12AB34567", "12AB34577", false)] // ten on, or a check character that follows
    [InlineData("12AB34567", "12AB35476", false)] // two slips: another number
    public void A_typing_slip_no_office_makes_between_two_people_lifts_the_vetoes_a_sequential_number_does_not(string a, string b, bool lifts)
    {
        var result = Model.Compare(Person("a", "Ilyas", "2005-06-01", Passport(a)), Person("b", "Adam", "2005-06-01", Passport(b)));
        result.VetoLifted.ShouldBe(lifts);
        if (lifts) result.Probability.ShouldBeGreaterThan(0.5);
        else result.Probability.ShouldBeLessThan(0.05);
    }

    [Fact]
    public void A_record_tied_by_its_number_across_a_veto_joins_a_group_whose_other_records_share_the_overridden_date_but_a_father_does_not()
    {
        var records = new[]
        {
            Person("org", "Ilyas", "2005-06-01", Passport("12AB34567")),
            Person("dup-renumbered", "Ilyas", "2005-06-01", Passport("77XY00001")), // number replaced: with org by name and date
            // Date replaced, number kept, and since moved: it comes to the pair above last.
            Person("dup-redated", "Ilyas", "1975-02-11", Passport("12AB34567")) with { Address = "3 avenue Foch", Postcode = "75016" },
            Person("father", "Ilyas", "1975-02-11", Passport("55KL98765")),
        };
        var clusters = MatchEngine.Deduplicate(records, Model).ClusterIds;
        clusters.Take(3).Distinct().Count().ShouldBe(1);
        clusters[3].ShouldNotBe(clusters[0]);
    }

    [Fact]
    public void The_same_passport_number_overrides_a_given_name_that_shares_nothing()
    {
        // One record of the person carries another given name (a clerk's mistake, a usual name).
        var result = Model.Compare(Person("a", "Ilyas", "2005-06-01", Passport("12 AB 34567")), Person("b", "Adam", "2005-06-01", Passport("12ab34567")));
        result.VetoLifted.ShouldBeTrue();
        Evidence(result, MatchField.Identifier).Level.ShouldBe("exact");
        result.Probability.ShouldBeGreaterThan(0.99);
    }

    [Fact]
    public void The_same_number_overrides_a_date_a_generation_apart()
    {
        var result = Model.Compare(Person("a", "Ilyas", "2005-06-01", new PersonIdentifier("ssn", "1050659350123")), Person("b", "Ilyas", "1975-02-11", new PersonIdentifier("ssn", "1050659350123")));
        result.VetoLifted.ShouldBeTrue();
        result.Probability.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void Numbers_of_different_kinds_are_never_compared()
    {
        var result = Model.Compare(Person("a", "Ilyas", "2005-06-01", Passport("12345678")), Person("b", "Adam", "2005-06-01", new PersonIdentifier("ssn", "12345678")));
        Evidence(result, MatchField.Identifier).Level.ShouldBe("missing");
        result.VetoLifted.ShouldBeFalse();
        result.Probability.ShouldBeLessThan(0.001);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("n/a")]
    [InlineData("  -  ")]
    [InlineData("000000000")]
    [InlineData("XX XX XX XX")]
    [InlineData("123456789")]
    public void Placeholders_are_not_numbers(string placeholder)
    {
        var result = Model.Compare(Person("a", "Ilyas", "2005-06-01", Passport(placeholder)), Person("b", "Adam", "2005-06-01", Passport(placeholder)));
        Evidence(result, MatchField.Identifier).Level.ShouldBe("missing");
        result.Probability.ShouldBeLessThan(0.001);
    }

    [Fact]
    public void One_record_with_a_replaced_given_name_and_another_with_a_mistyped_number_join_one_cluster_but_a_twin_does_not()
    {
        var records = new[]
        {
            Person("org", "Ilyas", "2005-06-01", Passport("12AB34567")),
            Person("dup-1", "Ilyas", "2005-06-01", Passport("12AB34567")),
            Person("dup-renamed", "Khassan", "2005-06-01", Passport("12AB34567")), // given name replaced, number kept
            Person("dup-renumbered", "Ilias", "2005-06-01", Passport("77XY00001")), // number replaced, name kept
            Person("twin", "Adam", "2005-06-01", Passport("12AB34999")),
        };
        var clusters = MatchEngine.Deduplicate(records, Model).ClusterIds;
        clusters.Take(4).Distinct().Count().ShouldBe(1);
        clusters[4].ShouldNotBe(clusters[0]);
    }

    [Fact]
    public void A_number_carried_by_many_records_is_a_filler_and_joins_nobody()
    {
        // A service typed its own reference in the number column of 30 people of one household
        // (different given names): were the number believed, it would lift every given-name veto.
        var records = GivenNames
            .Select((given, i) => Person($"p{i}", given, "2005-06-01", new PersonIdentifier("ssn", "7300412345")))
            .ToArray();
        MatchEngine.Deduplicate(records, Model).ClusterIds.Distinct().Count().ShouldBe(GivenNames.Length);
    }

    [Fact]
    public void A_twin_does_not_join_through_a_vague_record_when_the_group_holds_a_renamed_record()
    {
        var records = new[]
        {
            Person("org", "Ilyas", "2005-06-01", Passport("12AB34567")),
            Person("dup-renamed", "Khassan", "2005-06-01", Passport("12AB34567")),
            new MatchRecord("vague") { Surname = "Ievloev", DateOfBirth = PartialDate.Parse("2005-06-01"), Address = "12 rue des Lilas", Postcode = "59100" },
            Person("twin", "Adam", "2005-06-01", Passport("19CD80211")),
        };
        var clusters = MatchEngine.Deduplicate(records, Model).ClusterIds;
        clusters[1].ShouldBe(clusters[0]);
        clusters[3].ShouldNotBe(clusters[0]);
    }

    [Fact]
    public void E_mail_and_phone_are_compared_but_a_shared_phone_is_household_evidence_only()
    {
        var a = new MatchRecord("a") { GivenName = "Amina", Surname = "Benali", Email = " Amina.Benali@Example.fr ", Phone = "+33 6 12 34 56 78" };
        var b = new MatchRecord("b") { GivenName = "Amina", Surname = "Benali", Email = "amina.benali@example.fr", Phone = "06.12.34.56.78" };
        var same = Model.Compare(a, b);
        Evidence(same, MatchField.Email).Level.ShouldBe("exact");
        Evidence(same, MatchField.Phone).Level.ShouldBe("same");

        var sister = new MatchRecord("c") { GivenName = "Sofia", Surname = "Benali", Phone = "06 12 34 56 78", Address = "12 rue des Lilas", Postcode = "59100" };
        var brother = new MatchRecord("d") { GivenName = "Karim", Surname = "Benali", Phone = "0612345678", Address = "12 rue des Lilas", Postcode = "59100" };
        Model.Compare(sister, brother).Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
    }

    [Fact]
    public void A_family_e_mail_shared_by_twins_does_not_join_them_and_a_display_name_is_stripped()
    {
        var mark = new MatchRecord("a") { GivenName = "Mark", Surname = "Kusha", DateOfBirth = PartialDate.Parse("1997-09-28"), Email = "kusha123@example.com", Sex = "M" };
        var marsha = new MatchRecord("b") { GivenName = "Marsha", Surname = "Kusha", DateOfBirth = PartialDate.Parse("1997-09-28"), Email = "\"Kusha family\" <Kusha123@example.com>", Sex = "F" };
        var result = Model.Compare(mark, marsha);
        Evidence(result, MatchField.Email).Level.ShouldBe("exact");
        result.Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
    }

    [Fact]
    public void An_e_mail_with_the_same_mailbox_at_another_provider_is_close()
    {
        var a = new MatchRecord("a") { GivenName = "Amina", Surname = "Benali", Email = "amina.benali@example.fr" };
        var b = new MatchRecord("b") { GivenName = "Amina", Surname = "Benali", Email = "amina.benali@mail.example.org" };
        Evidence(Model.Compare(a, b), MatchField.Email).Level.ShouldBe("close");
    }

    [Fact]
    public void Identity_numbers_and_e_mails_are_blocking_keys_so_a_record_with_every_other_field_changed_is_still_compared()
    {
        var a = new MatchRecord("a") { GivenName = "Amina", Surname = "Benali", DateOfBirth = PartialDate.Parse("2004-03-12"), Identifiers = [Passport("12AB34567")] };
        var b = new MatchRecord("b") { GivenName = "Zoe", Surname = "Martin", DateOfBirth = PartialDate.Parse("1990-01-01"), Identifiers = [Passport("12ab 34567")] };
        MatchKeys.For(a).Intersect(MatchKeys.For(b)).ShouldNotBeEmpty();
        var c = new MatchRecord("c") { GivenName = "Amina", Surname = "Benali", Email = "a.b@example.fr" };
        var d = new MatchRecord("d") { GivenName = "Zoe", Surname = "Martin", Email = "A.B@example.fr" };
        MatchKeys.For(c).Intersect(MatchKeys.For(d)).ShouldNotBeEmpty();
    }
}
