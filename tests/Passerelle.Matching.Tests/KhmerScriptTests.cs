using Passerelle.Matching;
using static Passerelle.Matching.Tests.ScriptNames;

namespace Passerelle.Matching.Tests;

/// <summary>
/// Names written in Khmer script meet their usual Latin spellings: the unwritten vowel is
/// supplied, letters written under another follow it, and ត gives both "t" and "d" keys.
/// </summary>
public sealed class KhmerScriptTests
{
    [Theory]
    [InlineData("តារា", "tara")]
    [InlineData("គឹម", "kim")]
    [InlineData("ដារ៉ា", "dara")] // ៉ changes how រ sounds, not the letter
    [InlineData("សុខា", "sokha")]
    [InlineData("វណ្ណ", "van")] // the unwritten vowel, then ណ closes the syllable and ណ under it is not sounded
    [InlineData("ចន្ទា", "chanta")] // ន closes "chan", ទ written under it opens "ta"
    [InlineData("ខ្មែរ", "khmaer")] // a cluster at the start takes no vowel between its letters
    [InlineData("សម្បត្តិ", "sambatte")] // ត is of the first series: ិ is "e"
    [InlineData("ពិសិដ្ឋ", "piset")] // a final ដ sounds t, ឋ under it is silent
    [InlineData("សិរី", "seri")]
    [InlineData("ប៊ុន", "bun")] // ៊ moves ប to the second series: ុ is "u"
    [InlineData("ចាន់", "chan")]
    [InlineData("ក", "ka")] // a word's only consonant keeps its vowel
    [InlineData("សុខ ៥", "sok 5")] // a final consonant is not aspirated; Khmer digits
    public void Khmer_is_romanised_as_cambodian_names_are_usually_written(string khmer, string latin) => Text.Fold(khmer).ShouldBe(latin);

    [Theory]
    [InlineData("តារា", "Dara")] // ត written "d", as in Thida
    [InlineData("តារា", "Tara")]
    [InlineData("ធីតា", "Thida")]
    [InlineData("សុខា", "Sokha")]
    [InlineData("ដារ៉ា", "Dara")]
    [InlineData("សុភា", "Sophea")]
    [InlineData("សិរី", "Serey")] // ិ after a first-series consonant
    [InlineData("ពិសិដ្ឋ", "Piseth")] // … and after a second-series one
    [InlineData("វណ្ណ", "Vann")]
    public void Given_names_in_khmer_meet_their_latin_spellings(string khmer, string latin) => Meet(khmer, latin, surname: false).ShouldBeTrue();

    [Theory]
    [InlineData("គឹម", "Kim")]
    [InlineData("ចាន់", "Chan")]
    [InlineData("សុខ", "Sok")]
    public void Surnames_in_khmer_meet_their_latin_spellings(string khmer, string latin) => Meet(khmer, latin, surname: true).ShouldBeTrue();

    [Theory]
    [InlineData("តារា", "Sokha")]
    [InlineData("សុខា", "Dara")]
    [InlineData("ធីតា", "Tola")]
    public void Other_names_do_not_meet(string khmer, string latin) => Meet(khmer, latin, surname: false).ShouldBeFalse();

    [Fact]
    public void A_person_written_once_in_khmer_and_once_in_latin_letters_matches_and_a_sister_does_not()
    {
        // The Senzing truth set's pair: one record typed in Khmer, the other in Latin letters.
        var khmer = new MatchRecord("khmer") { GivenName = "តារា", Surname = "គឹម", Address = "No 321, Street 128 Phnom Penh Cambodia" };
        var latin = new MatchRecord("latin") { GivenName = "Dara", Surname = "Kim", Address = "#321, Street 128 Phnom Penh" };
        var sister = new MatchRecord("sister") { GivenName = "សុខា", Surname = "គឹម", Address = "No 321, Street 128 Phnom Penh Cambodia" };
        var model = MatchModel.Default;
        model.Compare(khmer, latin).Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("transliteration or token variant");
        model.Compare(khmer, latin).Evidence.Single(e => e.Field == MatchField.Surname).Level.ShouldBe("exact");
        model.Compare(khmer, latin).Probability.ShouldBeGreaterThan(0.5);
        model.Compare(latin, sister).Probability.ShouldBeLessThan(0.01);
    }

    [Theory]
    [InlineData("<script>តារា</script>")]
    [InlineData("តារា'; DROP TABLE persons; --")]
    [InlineData("../../etc/តារា")]
    public void Hostile_text_around_khmer_letters_is_inert_and_still_meets_the_name(string text)
    {
        var given = Prepared(text, "").Given;
        given.Compact.ShouldNotContain("<");
        given.Compact.ShouldNotContain("'");
        given.Compact.ShouldNotContain("/");
        given.Keys.Intersect(Prepared("Dara", "").Given.Keys, StringComparer.Ordinal).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(20000)]
    public void An_oversized_name_in_khmer_gives_a_few_keys(int letters)
    {
        var name = string.Concat(Enumerable.Repeat("តារា", letters / 4));
        var given = Prepared(name, "").Given;
        given.Keys.Length.ShouldBeInRange(1, 8);
        given.Compact.Length.ShouldBe(letters);
    }

    [Fact]
    public void Signs_alone_and_a_lone_coeng_fold_to_nothing_and_do_not_throw()
    {
        Text.Fold("\u17D2").ShouldBe("");
        Text.Fold("\u17D2\u17D2ក").ShouldBe("k");
        Text.Fold("ា\u17C9").ShouldBe("a");
        Prepared("\u17D2", "").Given.IsEmpty.ShouldBeTrue();
    }
}
