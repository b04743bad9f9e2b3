using System.Security.Cryptography;

namespace Passerelle.Domain;

/// <summary>Receipt numbers a caller or sender can quote: PREFIX-year-8 characters without look-alikes (0/O, 1/I).</summary>
public static class Receipts
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New(string prefix, DateTime now)
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{prefix}-{now.Year}-{chars}";
    }
}
