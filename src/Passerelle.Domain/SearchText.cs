using System.Globalization;
using System.Text;

namespace Passerelle.Domain;

/// <summary>Text folded for searching: lower case, no accents, punctuation as spaces ("N'Diaye-Lefèvre" → "n diaye lefevre").</summary>
public static class SearchText
{
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                folded.Append(' ');
                lastWasSpace = true;
            }
        }

        return folded.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }
}
