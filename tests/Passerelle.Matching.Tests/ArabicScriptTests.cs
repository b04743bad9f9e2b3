using Passerelle.Matching;
using static Passerelle.Matching.Tests.ScriptNames;

namespace Passerelle.Matching.Tests;

/// <summary>
/// Names written in Arabic script meet their Latin spellings: the script seldom writes short
/// vowels, so the keys are those of the Latin spellings its letters allow.
/// </summary>
public sealed class ArabicScriptTests
{
    [Theory]
    [InlineData("فيصل", "Faisal")]
    [InlineData("فيصل", "Faysal")]
    [InlineData("محمد", "Mohamed")]
    [InlineData("محمد", "Muhammad")]
    [InlineData("أحمد", "Ahmed")]
    [InlineData("يوسف", "Youssef")]
    [InlineData("مروان", "Marwan")]
    [InlineData("خديجة", "Khadija")]
    [InlineData("عبد الله", "Abdallah")]
    [InlineData("جعفر", "Jaafar")]
    public void Given_names_in_arabic_script_meet_their_latin_spellings(string arabic, string latin) => Meet(arabic, latin, surname: false).ShouldBeTrue();

    [Theory]
    [InlineData("صديقي", "Siddiqui")]
    [InlineData("الحسن", "El Hassan")]
    [InlineData("الحسن", "Hassan")]
    [InlineData("بن علي", "Ben Ali")]
    public void Surnames_in_arabic_script_meet_their_latin_spellings(string arabic, string latin) => Meet(arabic, latin, surname: true).ShouldBeTrue();

    // Urdu (ٹ ڈ ڑ ں ہ ھ ے), Pashto (ټ ډ ړ ږ ښ ګ ڼ څ ځ ې) and Sorani Kurdish (ڕ ڵ ۆ ێ ە) letters:
    // names of Pakistan, Afghanistan and Iraqi Kurdistan, written as their own alphabets write them.
    [Theory]
    [InlineData("شاہد", "Shahid")] // Urdu ہ
    [InlineData("ٹیپو", "Tipu")] // Urdu ٹ
    [InlineData("عائشہ", "Ayesha")] // a final ہ after a consonant: the written final vowel
    [InlineData("شہزاد", "Shahzad")]
    [InlineData("فاطمه", "Fatemeh")] // Persian: the final ه read as an h after a vowel…
    [InlineData("فاطمه", "Fatima")] // … or as the vowel itself
    [InlineData("ګل", "Gul")] // Pashto ګ
    [InlineData("ګلبدین", "Gulbuddin")]
    [InlineData("وږمه", "Wazhma")] // Pashto ږ
    [InlineData("ښایسته", "Shaista")] // Pashto ښ
    [InlineData("ڕێبوار", "Rebwar")] // Sorani ڕ and ێ
    [InlineData("ئاڵان", "Alan")] // Sorani ڵ
    [InlineData("شێرکۆ", "Sherko")] // Sorani ێ and ۆ
    public void Given_names_in_urdu_pashto_and_kurdish_letters_meet_their_latin_spellings(string arabic, string latin) => Meet(arabic, latin, surname: false).ShouldBeTrue();

    [Theory]
    [InlineData("بھٹی", "Bhatti")] // Urdu ھ: the aspiration of the letter before it
    [InlineData("ڈار", "Dar")] // Urdu ڈ
    [InlineData("بھٹو", "Bhutto")]
    [InlineData("چوہدری", "Chaudhry")] // ہ after a long vowel, which the Latin spelling writes after the d
    [InlineData("چوہدری", "Chaudhary")]
    [InlineData("کۆسرەت", "Kosrat")] // Sorani ە
    public void Surnames_in_urdu_pashto_and_kurdish_letters_meet_their_latin_spellings(string arabic, string latin) => Meet(arabic, latin, surname: true).ShouldBeTrue();

    [Theory]
    [InlineData("شاہد", "Sajid")]
    [InlineData("ګل", "Kamal")]
    [InlineData("ڕێبوار", "Rawand")]
    [InlineData("أحمد", "Amad")] // ح is always an h: only ه and ہ are also written for a vowel
    public void Other_urdu_pashto_and_kurdish_names_do_not_meet(string arabic, string latin) => Meet(arabic, latin, surname: false).ShouldBeFalse();

    [Fact]
    public void Urdu_pashto_and_kurdish_letters_are_romanised_not_dropped()
    {
        Text.Fold("شاہد بھٹی").ShouldBe("shahd bhti");
        Text.Fold("ګل").ShouldBe("gl");
        Text.Fold("ڕێبوار").ShouldBe("rebwar");
    }

    [Theory]
    [InlineData("فيصل", "Karim")]
    [InlineData("يوسف", "Yasmina")]
    [InlineData("خديجة", "Fatima")]
    public void Other_names_do_not_meet(string arabic, string latin) => Meet(arabic, latin, surname: false).ShouldBeFalse();

    [Fact]
    public void The_letters_are_romanised_for_display_and_similarity_and_the_keys_are_capped()
    {
        Text.Fold("فيصل صديقي").ShouldBe("fisl sdiqi");
        Text.Fold("Faisal فيصل").ShouldBe("faisal fisl");
        // A long name: many unwritten vowels, at most MaxKeys keys.
        Prepared("عبدالرحمن", "").Given.Keys.Length.ShouldBeLessThanOrEqualTo(ArabicScript.MaxKeys);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(20000)]
    public void An_oversized_name_in_arabic_script_stays_within_the_key_cap(int letters)
    {
        var name = string.Concat(Enumerable.Repeat("محمد", letters / 4));
        var given = Prepared(name, "").Given;
        given.Keys.Length.ShouldBeInRange(1, ArabicScript.MaxKeys);
        given.Compact.Length.ShouldBe(letters);
    }

    [Theory]
    [InlineData("<script>فيصل</script>")]
    [InlineData("فيصل'; DROP TABLE persons; --")]
    [InlineData("../../etc/فيصل")]
    [InlineData("ﻓﻴﺼﻞ")] // presentation forms of فيصل
    public void Hostile_or_odd_text_around_arabic_letters_is_inert_and_still_meets_the_name(string text)
    {
        var given = Prepared(text, "").Given;
        given.Compact.ShouldNotContain("<");
        given.Compact.ShouldNotContain("'");
        given.Compact.ShouldNotContain("/");
        given.Keys.Intersect(Prepared("Faisal", "").Given.Keys, StringComparer.Ordinal).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_name_typed_twice_in_arabic_script_agrees_with_it_typed_once_as_with_a_latin_name_typed_twice()
    {
        var model = MatchModel.Default;
        string Level(string a, string b) => model.Compare(new MatchRecord("a") { GivenName = a, Surname = "Siddiqui" }, new MatchRecord("b") { GivenName = b, Surname = "Siddiqui" })
            .Evidence.Single(e => e.Field == MatchField.GivenName).Level;
        Level("فيصل فيصل", "فيصل").ShouldBe(Level("Faisal Faisal", "Faisal"));
        Level("فيصل فيصل", "فيصل").ShouldNotBe("different");
    }

    [Fact]
    public void A_person_written_once_in_arabic_script_and_once_in_latin_letters_matches_and_a_brother_does_not()
    {
        var latin = new MatchRecord("latin") { FullName = "Faisal Siddiqui", Address = "Jia Musa Shahdara Sheikhupura Road Lahore", Phone = "+92 42-7925774" };
        var arabic = new MatchRecord("arabic") { FullName = "فيصل صديقي", Address = "Jia Musa Shahdara Sheikhupura Road Lahore", Phone = "92-42-7925774" };
        var brother = new MatchRecord("brother") { FullName = "كريم صديقي", Address = "Jia Musa Shahdara Sheikhupura Road Lahore", Phone = "92-42-7925774" };
        var model = MatchModel.Default;
        model.Compare(latin, arabic).Evidence.Single(e => e.Field == MatchField.GivenName).Level.ShouldBe("transliteration or token variant");
        model.Compare(latin, arabic).Evidence.Single(e => e.Field == MatchField.Surname).Level.ShouldBe("transliteration or token variant");
        model.Compare(latin, arabic).Probability.ShouldBeGreaterThan(0.5);
        model.Compare(latin, brother).Probability.ShouldBeLessThan(0.01);
    }
}
