using Passerelle.Matching;

namespace Passerelle.Matching.Tests;

/// <summary>Hard negatives stay apart; the same person written differently is found.</summary>
public sealed class HardCaseTests
{
    private static readonly MatchModel Model = MatchModel.Default;

    private static MatchRecord Person(string id, string given, string surname, string? dob, string? sex = null) => new(id)
    {
        GivenName = given,
        Surname = surname,
        DateOfBirth = PartialDate.Parse(dob),
        PlaceOfBirth = "Roubaix",
        Address = "12 rue des Lilas",
        Postcode = "59100",
        Sex = sex,
    };

    [Fact]
    public void Siblings_sharing_surname_birthplace_and_address_stay_apart()
    {
        var result = Model.Compare(Person("a", "Amina", "Benali", "2004-03-12", "F"), Person("b", "Karim", "Benali", "2007-09-30", "M"));
        result.Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
        result.Evidence.Single(e => e.Field == MatchField.GivenName).Log2BayesFactor.ShouldBeLessThan(0);
    }

    [Fact]
    public void Twins_sharing_a_date_of_birth_but_not_a_given_name_stay_apart()
    {
        var result = Model.Compare(Person("a", "Ilyas", "Ievloev", "2005-06-01", "M"), Person("b", "Adam", "Ievloev", "2005-06-01", "M"));
        result.Probability.ShouldBeLessThan(0.01);
    }

    [Fact]
    public void Twins_stay_apart_in_a_deduplication_run_too()
    {
        var records = new[]
        {
            Person("a", "Ilyas", "Ievloev", "2005-06-01"),
            Person("b", "Adam", "Ievloev", "2005-06-01"),
            Person("c", "Ilias", "Yevloyev", "2005-06-01"),
        };
        var clusters = MatchEngine.Deduplicate(records, Model).ClusterIds;
        clusters[0].ShouldBe(clusters[2]);
        clusters[1].ShouldNotBe(clusters[0]);
    }

    [Fact]
    public void The_same_person_with_swapped_given_name_and_surname_is_found()
    {
        var result = Model.Compare(Person("a", "Oumar", "Diallo", "1999-01-15"), Person("b", "Diallo", "Oumar", "1999-01-15"));
        result.NamesSwapped.ShouldBeTrue();
        result.Probability.ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void The_same_person_with_a_typo_and_a_year_only_birth_date_is_found()
    {
        var result = Model.Compare(Person("a", "Khassan", "Dudaev", "1988-07-04"), Person("b", "Khasan", "Dudayev", "1988"));
        result.Probability.ShouldBeGreaterThan(0.9);
        result.Evidence.Single(e => e.Field == MatchField.DateOfBirth).Level.ShouldBe("compatible partial date");
    }

    [Fact]
    public void The_same_person_with_a_transliterated_surname_and_a_female_form_is_found()
    {
        var a = new MatchRecord("a") { GivenName = "Zarema", Surname = "Ievloeva", DateOfBirth = PartialDate.Parse("1991-02-03") };
        var b = new MatchRecord("b") { GivenName = "Zarema", Surname = "Jewlojew", DateOfBirth = PartialDate.Parse("03/02/1991") };
        Model.Compare(a, b).Probability.ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void A_day_month_swap_in_the_date_of_birth_still_matches()
    {
        var result = Model.Compare(Person("a", "Musa", "Tsarnaev", "1990-03-12"), Person("b", "Moussa", "Tsarnaev", "1990-12-03"));
        result.Probability.ShouldBeGreaterThan(0.5);
        result.Evidence.Single(e => e.Field == MatchField.DateOfBirth).Level.ShouldBe("day and month swapped");
    }

    [Fact]
    public void A_person_recorded_only_by_full_name_in_cyrillic_meets_the_latin_record()
    {
        var a = new MatchRecord("a") { FullName = "ВАСИЛЬЕВ, Александр", DateOfBirth = PartialDate.Parse("1975") };
        var b = new MatchRecord("b") { GivenName = "Alexandr", Surname = "Vasiliev", DateOfBirth = PartialDate.Parse("1975-04-02") };
        Model.Compare(a, b).Probability.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void The_explanation_lists_every_field_with_its_level()
    {
        var result = Model.Compare(Person("a", "Amina", "Benali", "2004-03-12"), Person("b", "Amina", "Ben Ali", "2004-03-12"));
        result.Evidence.Select(e => e.Field).ShouldBe(Enum.GetValues<MatchField>());
        result.Evidence.Single(e => e.Field == MatchField.Surname).Level.ShouldBe("exact");
        result.Evidence.Single(e => e.Field == MatchField.Sex).Level.ShouldBe("missing");
        result.Evidence.Single(e => e.Field == MatchField.Sex).Log2BayesFactor.ShouldBe(0);
    }

    [Fact]
    [Trait("Category", "Benchmark")] // trains on ../shared/data/linkage
    public void Twins_and_siblings_stay_apart_with_a_model_trained_on_benchmark_data_too()
    {
        var trained = MatchModel.Train(Benchmarks.Febrl(3).Records);
        trained.Compare(Person("a", "Ilyas", "Ievloev", "2005-06-01"), Person("b", "Adam", "Ievloev", "2005-06-01"))
            .Probability.ShouldBeLessThan(0.01);
        trained.Compare(Person("a", "Amina", "Benali", "2004-03-12"), Person("b", "Karim", "Benali", "2007-09-30"))
            .Probability.ShouldBeLessThan(0.01);
        trained.Compare(Person("a", "Ilyas", "Ievloev", "2005-06-01"), Person("b", "Iliass", "Yevloyev", "2005-06-01"))
            .Probability.ShouldBeGreaterThan(0.9);
    }

    [Theory]
    [InlineData("Bob", "Robert")]
    [InlineData("Sasha", "Aleksandr")]
    [InlineData("Sasha", "Alexandre")]
    [InlineData("Mhd", "Mohammed")]
    [InlineData("Manu", "Emmanuel")]
    [InlineData("Peggie", "Margaret")]
    public void A_short_form_of_a_given_name_is_a_variant_and_shares_a_blocking_key(string shortForm, string fullForm)
    {
        var a = Person("a", shortForm, "Ievloev", "2005-06-01");
        var b = Person("b", fullForm, "Yevloyev", "2005-06-01");
        var result = Model.Compare(a, b);
        result.Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("transliteration or token variant");
        result.Probability.ShouldBeGreaterThan(0.9);
        MatchKeys.For(a with { DateOfBirth = null }).Intersect(MatchKeys.For(b with { DateOfBirth = null })).ShouldNotBeEmpty();
    }

    [Fact]
    public void Two_different_full_names_that_share_a_short_form_do_not_become_variants()
    {
        // Max is short for Maxime and for Maximilien, but the brothers Maxime and Maximilien stay two names.
        var result = Model.Compare(Person("a", "Ivan", "Ievloev", "2005-06-01"), Person("b", "Sasha", "Ievloev", "2005-06-01"));
        result.Probability.ShouldBeLessThan(0.01);
    }

    [Theory]
    [InlineData("Jean", "M", "Jeanne", "F")]
    [InlineData("Louis", "M", "Louise", "F")]
    [InlineData("Mark", "M", "Marsha", "F")]
    [InlineData("Emmanuel", "M", "Emmanuelle", "F")]
    public void Twins_of_opposite_sex_with_names_alike_stay_apart(string given, string sex, string otherGiven, string otherSex)
    {
        var result = Model.Compare(Person("a", given, "Benali", "2004-03-12", sex), Person("b", otherGiven, "Benali", "2004-03-12", otherSex));
        result.Probability.ShouldBeLessThan(0.01);
    }

    [Fact]
    public void A_sex_recorded_wrongly_on_one_record_with_the_same_given_name_still_matches()
    {
        var result = Model.Compare(Person("a", "Camille", "Benali", "2004-03-12", "F"), Person("b", "Camille", "Benali", "2004-03-12", "M"));
        result.Probability.ShouldBeGreaterThan(0.9);
        result.Evidence.Single(e => e.Field == MatchField.Sex).Log2BayesFactor.ShouldBeLessThan(0);
    }

    [Fact]
    public void A_name_in_belarusian_cyrillic_meets_its_russian_spelling()
    {
        var russian = new MatchRecord("a") { FullName = "ВАСИЛЬЕВ, Александр Павлович", Address = "ul. Tolmacheva 8, kv. 71, Smolensk" };
        var belarusian = new MatchRecord("b") { FullName = "ВАСІЛЬЕЎ, Аляксандр Паўлавіч", Address = "ul. Tolmacheva 8, kv. 71, Smolensk" };
        var result = Model.Compare(russian, belarusian);
        result.Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("transliteration or token variant");
        result.Evidence.Single(e => e.Field == MatchField.Surname).Log2BayesFactor.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("Γιώργος", "Παπαδόπουλος", "Georgios", "Papadopoulos")]
    [InlineData("Αικατερίνη", "Ιωάννου", "Aikaterini", "Ioannou")]
    [InlineData("Արթուր", "Հովհաննիսյան", "Artur", "Hovhannisyan")]
    [InlineData("Տիգրան", "Պետրոսյան", "Tigran", "Petrosian")] // -yan / -ian
    [InlineData("გიორგი", "ბერიძე", "Giorgi", "Beridze")]
    [InlineData("ზურაბ", "ხაჩიძე", "Zurab", "Khachidze")]
    public void A_name_in_greek_armenian_or_georgian_script_meets_its_latin_spelling(string given, string surname, string latinGiven, string latinSurname)
    {
        var native = new MatchRecord("a") { GivenName = given, Surname = surname, DateOfBirth = PartialDate.Parse("1988-04-02") };
        var latin = new MatchRecord("b") { GivenName = latinGiven, Surname = latinSurname, DateOfBirth = PartialDate.Parse("1988-04-02") };
        Model.Compare(native, latin).Probability.ShouldBeGreaterThan(0.9);
        MatchKeys.For(native with { DateOfBirth = null }).Intersect(MatchKeys.For(latin with { DateOfBirth = null })).ShouldNotBeEmpty();
        // A brother in the same script stays apart.
        Model.Compare(native, native with { Id = "c", GivenName = "Δημήτρης" }).Probability.ShouldBeLessThan(0.01);
    }

    [Theory]
    [InlineData("info@ca-state.gov")]
    [InlineData("  Contact@Mairie-Roubaix.fr ")]
    [InlineData("accueil@cpraf59.fr")]
    public void A_role_mailbox_shared_by_an_office_is_no_evidence_and_no_key(string mailbox)
    {
        var andy = new MatchRecord("a") { GivenName = "Andy", Surname = "Anderson", Email = mailbox };
        var sandy = new MatchRecord("b") { GivenName = "Sandy", Surname = "Sanders", Email = mailbox };
        var result = Model.Compare(andy, sandy);
        result.Evidence.Single(e => e.Field == MatchField.Email).Log2BayesFactor.ShouldBe(0);
        result.Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
        MatchKeys.For(andy).ShouldNotContain(k => k.StartsWith("em:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_personal_mailbox_at_the_same_office_still_counts()
    {
        var a = new MatchRecord("a") { GivenName = "Andy", Surname = "Anderson", Email = "andy.anderson@ca-state.gov" };
        var b = new MatchRecord("b") { GivenName = "Andrew", Surname = "Anderson", Email = "Andy.Anderson@ca-state.gov" };
        Model.Compare(a, b).Evidence.Single(e => e.Field == MatchField.Email).Log2BayesFactor.ShouldBeGreaterThan(0);
        MatchKeys.For(a).ShouldContain("em:andy.anderson@ca-state.gov");
    }

    [Fact]
    public void A_full_name_with_a_married_name_appended_meets_the_maiden_name()
    {
        // Senzing's Susan Meyer / Susan Meyer Thomas: read with the last word as surname, the
        // surnames disagree (Meyer / Thomas); read as Susan + "Meyer Thomas", they agree by a word.
        var a = new MatchRecord("a") { FullName = "Susan Meyer", Address = "Fieldstrasse 10, FL-2198 Triesen" };
        var b = new MatchRecord("b") { FullName = "Susan Meyer Thomas", Address = "Fieldstrasse 10, FL-2198 Triesen, Lichtenstein" };
        var result = Model.Compare(a, b);
        result.Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("exact");
        result.Evidence.Single(e => e.Field == MatchField.Surname).Log2BayesFactor.ShouldBeGreaterThan(0);
        result.Probability.ShouldBeGreaterThan(MatchModel.DefaultThreshold);
        MatchEngine.Deduplicate([a, b]).ClusterIds.Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public void A_compound_surname_in_a_full_name_agrees_exactly_with_the_same_surname_in_its_field()
    {
        var full = new MatchRecord("a") { FullName = "Maria da Silva Santos", DateOfBirth = PartialDate.Parse("1984-02-17") };
        var fields = new MatchRecord("b") { GivenName = "Maria", Surname = "da Silva Santos", DateOfBirth = PartialDate.Parse("1984-02-17") };
        var result = Model.Compare(full, fields);
        result.Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("exact");
        result.Evidence.Single(e => e.Field == MatchField.Surname).Level.ShouldBe("exact");
        result.NamesSwapped.ShouldBeFalse();
    }

    [Fact]
    public void The_other_reading_of_a_full_name_does_not_join_a_mother_and_her_daughter()
    {
        var mother = new MatchRecord("a") { FullName = "Susan Meyer", DateOfBirth = PartialDate.Parse("1961-05-02"), Address = "Fieldstrasse 10, Triesen" };
        var daughter = new MatchRecord("b") { FullName = "Anna Meyer Thomas", DateOfBirth = PartialDate.Parse("1990-11-23"), Address = "Fieldstrasse 10, Triesen" };
        Model.Compare(mother, daughter).Probability.ShouldBeLessThan(0.01);
    }

    [Theory]
    [InlineData("Mark", "Marsha")] // twins, no sex recorded (Senzing's Kusha twins)
    [InlineData("Darla", "Darlene")] // triplets (Senzing's Anderson triplets)
    [InlineData("Darlene", "Darletta")]
    [InlineData("Abdelkader", "Abdelaziz")]
    public void Twins_with_names_that_start_alike_but_end_otherwise_stay_apart_without_a_recorded_sex(string given, string otherGiven)
    {
        var result = Model.Compare(Person("a", given, "Kusha", "1997-09-28"), Person("b", otherGiven, "Kusha", "1997-09-28"));
        result.Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("weak (initial, prefix or distant spelling)");
        result.Probability.ShouldBeLessThan(0.01);
    }

    [Theory]
    [InlineData("Alex", "Alexandre")] // a short form: the shorter is the other's start
    [InlineData("Amlia", "Amelia")] // a letter dropped
    [InlineData("Gegrgoe", "George")] // letters shuffled, not other letters
    [InlineData("Khassan", "Khasan")]
    public void A_short_form_or_a_slip_on_the_same_date_of_birth_still_matches(string given, string otherGiven)
    {
        Model.Compare(Person("a", given, "Kusha", "1997-09-28"), Person("b", otherGiven, "Kusha", "1997-09-28"))
            .Probability.ShouldBeGreaterThan(MatchModel.DefaultThreshold);
    }

    [Fact]
    public void A_name_built_on_another_ones_start_is_a_weak_agreement_not_a_close_spelling()
    {
        // Jaro-Winkler's bonus for a shared start ranks Anna / Annabelle at 0.89 and Marie / Marianne at 0.93.
        var anna = new MatchRecord("a") { GivenName = "Anna", Surname = "Anderson" };
        var annabelle = new MatchRecord("b") { GivenName = "Annabelle", Surname = "Anderson" };
        var result = Model.Compare(anna, annabelle);
        result.Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("weak (initial, prefix or distant spelling)");
        result.Probability.ShouldBeLessThan(MatchModel.DefaultThreshold);
        Model.Compare(anna with { GivenName = "Marie" }, annabelle with { GivenName = "Marianne" })
            .Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("weak (initial, prefix or distant spelling)");
    }

    [Fact]
    public void An_undated_record_that_fits_a_father_and_his_son_of_the_same_name_joins_neither()
    {
        // Senzing's John Smiths at 3212 W. 32nd St: born in 1970, born in 1990, and two undated watchlist records.
        var records = new[]
        {
            Person("father", "John", "Smith", "1970-10-10", "M"),
            Person("son", "John", "Smith", "1990-03-15"),
            Person("undated-1", "John", "Smith", null),
            Person("undated-2", "John", "Smith", null, "M"),
        };
        var clusters = MatchEngine.Deduplicate(records, Model).ClusterIds;
        clusters[0].ShouldNotBe(clusters[1]);
        clusters[2].ShouldBe(clusters[3]); // the two undated records agree with each other
        clusters[2].ShouldNotBe(clusters[0]);
        clusters[2].ShouldNotBe(clusters[1]);
    }

    [Fact]
    public void An_undated_record_that_fits_one_person_only_still_joins_it()
    {
        var records = new[]
        {
            Person("father", "John", "Smith", "1970-10-10", "M"),
            Person("father-again", "John", "Smith", "1970-10-10", "M"),
            Person("undated", "John", "Smith", null),
            Person("sister", "Mary", "Smith", "1990-03-15", "F"),
        };
        var clusters = MatchEngine.Deduplicate(records, Model).ClusterIds;
        clusters[2].ShouldBe(clusters[0]);
        clusters[1].ShouldBe(clusters[0]);
        clusters[3].ShouldNotBe(clusters[0]);
    }
}
