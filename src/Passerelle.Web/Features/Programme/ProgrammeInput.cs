using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Passerelle.Domain;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Programme;

/// <summary>Field checks shared by the programme's forms and the API: dates, closed lists, names, free texts (no markup, lengths).</summary>
internal static partial class ProgrammeInput
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Iso(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A required date (yyyy-MM-dd); adds "required" or "invalid" to <paramref name="errors"/>.</summary>
    public static DateOnly? Date(List<FieldError> errors, string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(field, "error.required"));
            }

            return null;
        }

        if (value.Length > 10 || !DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year < 1900)
        {
            errors.Add(new(field, "programme.error.date-format"));
            return null;
        }

        return date;
    }

    /// <summary>A value of a closed list given by its enum name (never a number).</summary>
    public static T? Enum<T>(List<FieldError> errors, string field, string? value, bool required = true)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(field, "error.required"));
            }

            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > 40 || trimmed.Any(char.IsDigit) || !System.Enum.TryParse<T>(trimmed, ignoreCase: false, out var parsed) || !System.Enum.IsDefined(parsed))
        {
            errors.Add(new(field, "error.unknown-value"));
            return null;
        }

        return parsed;
    }

    /// <summary>A person's given name or surname: letters of any script, spaces, hyphens, apostrophes, dots.</summary>
    public static string? Name(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "error.required"));
            return null;
        }

        var text = SingleLine(errors, field, value, ProgrammeParticipant.MaxNameLength);
        if (text is not null && !NamePattern().IsMatch(text))
        {
            errors.Add(new(field, "error.characters"));
            return null;
        }

        return text;
    }

    /// <summary>An optional one-line text (service, provider, detail): no line break, no markup, bounded.</summary>
    public static string? SingleLine(List<FieldError> errors, string field, string? value, int max)
    {
        var before = errors.Count;
        var text = ReportValidation.FreeText(errors, field, value, max);
        if (errors.Count == before && text is not null && text.Any(c => c is '\n' or '\r' or '\t'))
        {
            errors.Add(new(field, "error.control-characters"));
            return null;
        }

        return text;
    }

    public static string? FreeText(List<FieldError> errors, string field, string? value, int max) =>
        ReportValidation.FreeText(errors, field, value, max);

    public static int? BirthYear(List<FieldError> errors, string field, string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900 || year > today.Year - 13)
        {
            errors.Add(new(field, "programme.error.birth-year"));
            return null;
        }

        return year;
    }

    /// <summary>Copies the errors into the page's model state (French or English message by the reader's language).</summary>
    public static void AddTo(ModelStateDictionary state, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            state.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
        }
    }

    /// <summary>The message key of a domain error of the programme (<c>programme.error.*</c>).</summary>
    public static FieldError FromDomain(string field, DomainError error) => error switch
    {
        ProgrammeSiteFull full => new(field, "programme.error.site-full", full.Capacity),
        ProgrammeWindowInvalid window => new(field, "programme.error.window-invalid", window.MaxYears),
        ProgrammeTextTooLong tooLong => new(field, "error.too-long", tooLong.Max),
        _ => new(field, "programme.error." + error.Code["programme.".Length..]),
    };

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$")]
    private static partial Regex NamePattern();
}
