using System.Text.RegularExpressions;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.PublicForms;

/// <summary>Checks shared by the two public forms: contact details, short texts, the honeypot.</summary>
internal static partial class PublicFormFields
{
    public const int MaxEmail = 100;
    public const int MaxPhone = 20;

    /// <summary>A trimmed e-mail address, or an error key.</summary>
    public static (string? Value, string? Error) Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxEmail)
        {
            return (null, "publicforms.error.email-too-long");
        }

        return EmailPattern().IsMatch(trimmed) ? (trimmed, null) : (null, "publicforms.error.email");
    }

    /// <summary>A trimmed telephone number (French or international: 6 to 15 digits), or an error key.</summary>
    public static (string? Value, string? Error) Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxPhone)
        {
            return (null, "publicforms.error.phone");
        }

        var digits = trimmed.Count(char.IsAsciiDigit);
        return PhonePattern().IsMatch(trimmed) && digits is >= 6 and <= 15 ? (trimmed, null) : (null, "publicforms.error.phone");
    }

    /// <summary>A trimmed free text: length, no control characters but line breaks, no markup; or an error key.</summary>
    public static (string? Value, string? Error) Text(string? value, int max, bool multiline, Regex? allowed = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > max)
        {
            return (null, "error.too-long");
        }

        if (trimmed.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            return (null, "error.control-characters");
        }

        if (MarkupPattern().IsMatch(trimmed))
        {
            return (null, "error.markup");
        }

        return allowed is null || allowed.IsMatch(trimmed) ? (trimmed, null) : (null, "error.characters");
    }

    /// <summary>A person's name as the register accepts it (letters of any script, spaces, hyphens, apostrophes, dots).</summary>
    public static (string? Value, string? Error) Name(string? value) => Text(value, Limits.Name, multiline: false, NamePattern());

    /// <summary>The honeypot field: people never see it (hidden, out of the tab order), robots fill it in.</summary>
    public static bool IsRobot(string? honeypot) => !string.IsNullOrEmpty(honeypot);

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-]*[0-9]$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$")]
    public static partial Regex NamePattern();

    [GeneratedRegex(@"^[\p{L}\p{M}\p{N} '’.\-,()&/:!?«»""]+$")]
    public static partial Regex GroupPattern();

    [GeneratedRegex(@"<\s*[a-zA-Z!/?]|&#|&lt;|&gt;|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex MarkupPattern();
}
