using System.Security.Cryptography;
using System.Text;

namespace Passerelle.Matching;

/// <summary>
/// The blocking keys of a record, for callers that keep them in their own store (the app keeps
/// them in the shared database so that every instance sees a new person at once). Two records
/// are worth comparing when they share at least one key.
/// </summary>
public static class MatchKeys
{
    /// <summary>Keys shared by more records than this carry no signal; callers may skip them.</summary>
    public const int MaxBlockSize = Blocking.MaxBlockSize;

    /// <summary>The record's distinct blocking keys (each at most a few dozen characters).</summary>
    public static IReadOnlyList<string> For(MatchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return [.. Blocking.Keys(new PreparedRecord(record))];
    }

    /// <summary>
    /// Names the way keys are made, so that a store can tell keys made by an older engine: the
    /// revision below and a digest of the keys of probe records that exercise every rule (names
    /// in Latin, Cyrillic, Arabic (with Urdu, Pashto and Kurdish letters), Greek, Armenian, Georgian and Khmer script, short forms, a name missing, a full name, a date,
    /// an address, identity numbers, an e-mail). An upgrade that changes any of those keys
    /// changes the scheme; <see cref="Revision"/> is raised by hand for a change the probes miss.
    /// </summary>
    public static string Scheme { get; } = ComputeScheme();

    /// <summary>Raised by hand when key rules change in a way the probes of <see cref="Scheme"/> do not show.</summary>
    internal const int Revision = 1;

    private static string ComputeScheme()
    {
        MatchRecord[] probes =
        [
            new("1") { GivenName = "Jean-Pierre", Surname = "N'Diaye", DateOfBirth = PartialDate.Parse("1984-02-17"), PlaceOfBirth = "Roubaix", Address = "12 rue des Lilas", Postcode = "59100", Sex = "M" },
            new("2") { GivenName = "Bob", Surname = "Smith", DateOfBirth = PartialDate.Parse("1978") },
            new("3") { FullName = "ВАСИЛЬЕВ, Александр Павлович", Address = "Tolmacheva Ul., bld. 8, appt. 71 Smolensk" },
            new("4") { GivenName = "فيصل", Surname = "صديقي" },
            new("5") { Surname = "Jnes", DateOfBirth = PartialDate.Parse("2018-01-21") },
            new("6") { GivenName = "Kaylee", Surname = "Ievloeva", Email = "k.ievloeva@example.org", Phone = "+33 6 12 34 56 78", Identifiers = [new PersonIdentifier("passport", "12AB34567")] },
            new("7") { FullName = "Maria da Silva Santos", DateOfBirth = PartialDate.Parse("1990-11-23") },
            new("8") { GivenName = "Alexander", Surname = "Yevloyev", DateOfBirth = PartialDate.Parse("1990"), Email = "info@example.org" },
            new("9") { GivenName = "Luas", DateOfBirth = PartialDate.Parse("1991-05-06"), Address = "London" },
            new("10") { GivenName = "Γιώργος", Surname = "Հովհաննիսյան" },
            new("11") { GivenName = "شہزاد", Surname = "بھٹی" },
            new("12") { GivenName = "តារា", Surname = "គឹម" },
            new("13") { GivenName = "صالح", Surname = "چوہدری" },
            // A full name counts only when the given name and surname are empty.
            new("14") { FullName = "გიორგი ბერიძე" },
            new("15") { FullName = "ڕێبوار ګل فاطمه" },
            new("16") { FullName = "សិរី ពិសិដ្ឋ" },
        ];
        var text = new StringBuilder();
        foreach (var probe in probes)
        {
            foreach (var key in For(probe).Order(StringComparer.Ordinal)) text.Append(key).Append('\n');
            text.Append('\u001e');
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"{Revision}-{Convert.ToHexStringLower(digest.AsSpan(0, 8))}";
    }
}
