using System.Text;

namespace Passerelle.Matching.Tests;

/// <summary>The CSV input of <c>passerelle match</c>: recognised columns, and a clear error for every broken file.</summary>
public sealed class RecordCsvTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("record-csv-");

    private static readonly IReadOnlySet<string> NoneIgnored = new HashSet<string>();

    public void Dispose() => folder.Delete(recursive: true);

    private string File(string content, Encoding? encoding = null)
    {
        var path = Path.Combine(folder.FullName, Guid.NewGuid().ToString("N") + ".csv");
        System.IO.File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return path;
    }

    private static string Error(string path, IReadOnlySet<string>? ignored = null) =>
        Should.Throw<RecordCsvException>(() => RecordCsv.Read(path, ignored ?? NoneIgnored)).Message;

    [Fact]
    public void Read_FebrlHeader_RecognisesColumnsTrimsSpacesAndJoinsTheAddress()
    {
        var path = File("rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\n"
            + "rec-1-org, lachlan, berry, 69, giblin street, killarney, bittern, 4814, qld, 19990219, 7364009\n");

        var record = RecordCsv.Read(path, NoneIgnored).ShouldHaveSingleItem();

        record.Id.ShouldBe("rec-1-org");
        record.GivenName.ShouldBe("lachlan");
        record.Surname.ShouldBe("berry");
        record.Address.ShouldBe("69 giblin street killarney bittern");
        record.Postcode.ShouldBe("4814");
        record.DateOfBirth.ShouldBe(new PartialDate(1999, 2, 19));
    }

    [Fact]
    public void Read_SplinkHeader_UsesFirstNameDobCityAndIgnoresUnknownColumns()
    {
        var path = File("unique_id,first_name,surname,dob,city,email,cluster\r\n0,Robert,Alan,1971-06-24,,robert255@smith.net,0\r\n");

        var record = RecordCsv.Read(path, NoneIgnored).ShouldHaveSingleItem();

        (record.Id, record.GivenName, record.Surname, record.DateOfBirth, record.Address).ShouldBe(("0", "Robert", "Alan", new PartialDate(1971, 6, 24), null));
    }

    [Fact]
    public void Read_IdentityNumberEmailAndPhoneColumns_AreReadByKindAndDroppedByIgnore()
    {
        var path = File("rec_id, given_name, surname, soc_sec_id, passport_number, email_address, phone_number, passport_country\n"
            + "r1, lachlan, berry, 7364009, 12AB34567, l.berry@example.org, +33 6 12 34 56 78, XX\n");

        var used = new List<string>();
        var record = RecordCsv.Read(path, NoneIgnored, used).ShouldHaveSingleItem();

        record.Identifiers.ShouldNotBeNull().ShouldBe([new PersonIdentifier("ssn", "7364009"), new PersonIdentifier("passport", "12AB34567")], ignoreOrder: true);
        record.Email.ShouldBe("l.berry@example.org");
        record.Phone.ShouldBe("+33 6 12 34 56 78");
        used.ShouldBe(["rec_id (id)", "given_name", "surname", "soc_sec_id (id:ssn)", "passport_number (id:passport)", "email_address (email)", "phone_number (phone)"]);

        var without = RecordCsv.Read(path, new HashSet<string>(["soc_sec_id", "EMAIL_ADDRESS"], StringComparer.OrdinalIgnoreCase)).ShouldHaveSingleItem();
        without.Identifiers.ShouldNotBeNull().ShouldBe([new PersonIdentifier("passport", "12AB34567")]);
        without.Email.ShouldBeNull();
    }

    [Fact]
    public void Read_HostileValuesInNumberEmailAndPhoneColumns_AreInertText()
    {
        var path = File("id,surname,passport_number,email,phone\n"
            + "1,Martin,\"<script>alert(1)</script>\",\"'; DROP TABLE persons; --\",../../etc/passwd\n"
            + "2,Martin,\"<script>alert(1)</script>\",x@y.z,0612345678\n");

        var records = RecordCsv.Read(path, NoneIgnored);

        records[0].Identifiers.ShouldNotBeNull().ShouldHaveSingleItem().Number.ShouldBe("<script>alert(1)</script>");
        records[0].Email.ShouldBe("'; DROP TABLE persons; --");
        // Normalised, the number is letters and digits only and the e-mail without an @ is no e-mail:
        // nothing in them is ever interpreted, and two records sharing the same junk are not joined by it
        // beyond what any shared number weighs.
        var result = MatchModel.Default.Compare(records[0], records[1]);
        result.Evidence.Single(e => e.Field == MatchField.Email).Level.ShouldBe("missing");
        result.Evidence.Single(e => e.Field == MatchField.Phone).Level.ShouldBe("missing");
    }

    [Fact]
    public void Read_TwoColumnsForOneKindOfNumber_IsAClearError()
    {
        var path = File("id,surname,ssn,soc_sec_id\n1,Martin,123456,123456\n");
        Error(path).ShouldContain("two columns mean id:ssn ('ssn' and 'soc_sec_id'); drop one with --ignore");
    }

    [Theory]
    [InlineData("19990219", 1999, 2, 19)]
    [InlineData("1999-02-19", 1999, 2, 19)]
    [InlineData("19/02/1999", 1999, 2, 19)]
    [InlineData("1999", 1999, null, null)]
    public void Read_AcceptsTheFourDateFormats(string dob, int year, int? month, int? day)
    {
        var path = File($"id,full_name,date_of_birth\n1,Ana Lopes,{dob}\n");
        RecordCsv.Read(path, NoneIgnored).ShouldHaveSingleItem().DateOfBirth.ShouldBe(new PartialDate(year, month, day));
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndNewlines_AreOneField()
    {
        var path = File("ID,Surname,Address\n\"a,1\",\"O\"\"Brien\",\"12 rue X,\nBât. B\"\n");

        var record = RecordCsv.Read(path, NoneIgnored).ShouldHaveSingleItem();

        (record.Id, record.Surname, record.Address).ShouldBe(("a,1", "O\"Brien", "12 rue X,\nBât. B"));
    }

    [Fact]
    public void Read_IgnoredColumn_IsNotUsed()
    {
        var path = File("id,surname,dob\n1,Martin,2001\n");
        RecordCsv.Read(path, new HashSet<string>(["dob"], StringComparer.OrdinalIgnoreCase)).ShouldHaveSingleItem().DateOfBirth.ShouldBeNull();
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_IsSkipped()
    {
        var path = File("\uFEFFid,surname\n1,Müller\n");
        RecordCsv.Read(path, NoneIgnored).ShouldHaveSingleItem().Surname.ShouldBe("Müller");
    }

    [Fact]
    public void Read_EmptyFile_SaysItIsEmpty() => Error(File(string.Empty)).ShouldContain("empty");

    [Fact]
    public void Read_MissingFile_SaysSo() => Error(Path.Combine(folder.FullName, "nope.csv")).ShouldContain("no such file");

    [Fact]
    public void Read_WithoutIdColumn_NamesTheExpectedColumns() => Error(File("name,surname\nA,B\n")).ShouldContain("no id column");

    [Fact]
    public void Read_WithoutAnyNameColumn_NamesTheExpectedColumns() => Error(File("id,dob\n1,2001\n")).ShouldContain("no name column");

    [Fact]
    public void Read_UnclosedQuote_GivesTheLine() => Error(File("id,surname\n1,Martin\n2,\"Dupont\n3,Roux\n")).ShouldContain("line 3: a quoted field is never closed");

    [Fact]
    public void Read_TextAfterAClosingQuote_GivesTheLine() => Error(File("id,surname\n1,\"Mar\"tin\n")).ShouldContain("line 2: text after a closing quote");

    [Fact]
    public void Read_QuoteInsideAnUnquotedField_GivesTheLine() => Error(File("id,surname\n1,Mar\"tin\n")).ShouldContain("line 2: a quote in the middle");

    [Fact]
    public void Read_RowWithTooManyFields_GivesTheLineAndCounts() => Error(File("id,surname\n1,Martin\n2,Roux,extra\n")).ShouldContain("line 3: 3 field(s) where the header has 2");

    [Fact]
    public void Read_DuplicateId_GivesTheLine() => Error(File("id,surname\n1,Martin\n1,Roux\n")).ShouldContain("line 3: duplicate id '1'");

    [Fact]
    public void Read_EmptyId_GivesTheLine() => Error(File("id,surname\n ,Martin\n")).ShouldContain("line 2: the id is empty");

    [Fact]
    public void Read_HugeField_IsRefusedWithTheLimit() =>
        Error(File("id,surname\n1," + new string('a', RecordCsv.MaxFieldLength + 1) + "\n")).ShouldContain($"longer than {RecordCsv.MaxFieldLength}");

    [Fact]
    public void Read_Latin1File_IsRefusedAsNotUtf8() =>
        Error(File("id,surname\n1,Lefèvre\n", Encoding.Latin1)).ShouldContain("not UTF-8");

    [Fact]
    public void Read_TwoColumnsForTheSameField_AsksToIgnoreOne() =>
        Error(File("id,first_name,given_name\n1,A,B\n")).ShouldContain("--ignore");

    [Fact]
    public void Read_HostileValues_AreKeptAsPlainText()
    {
        var path = File("id,surname,address\n../../etc/passwd,\"Robert'); DROP TABLE persons;--\",<script>alert(1)</script>\n");

        var record = RecordCsv.Read(path, NoneIgnored).ShouldHaveSingleItem();

        (record.Id, record.Surname, record.Address).ShouldBe(("../../etc/passwd", "Robert'); DROP TABLE persons;--", "<script>alert(1)</script>"));
    }
}
