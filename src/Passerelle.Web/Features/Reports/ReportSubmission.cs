using System.Text.RegularExpressions;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Reports;

/// <summary>A report as submitted by the form or the API, before it is validated and recorded.</summary>
internal sealed record ReportSubmission
{
    public string? Source { get; init; }

    public string? Territory { get; init; }

    public string? ReporterName { get; init; }

    public string? ReporterContact { get; init; }

    public ReportedPerson? Person { get; init; }

    public IReadOnlyList<string>? Behaviours { get; init; }

    public string? Narrative { get; init; }

    public string? Urgency { get; init; }

    /// <summary>An existing person of the register to attach the report to; none creates a new person.</summary>
    public Guid? PersonId { get; init; }
}

internal sealed record ReportedPerson
{
    public string? GivenName { get; init; }

    public string? Surname { get; init; }

    public string? Aliases { get; init; }

    public string? DateOfBirth { get; init; }

    public string? PlaceOfBirth { get; init; }

    public string? Sex { get; init; }

    public string? Address { get; init; }
}

/// <summary>A field-level validation failure: the field's API name and a message key of <c>Texts</c>.</summary>
internal sealed record FieldError(string Field, string MessageKey, params object[] Args);

/// <summary>The submission once validated: typed values only.</summary>
internal sealed record ValidReport(
    ReportSource Source,
    string Territory,
    string? ReporterName,
    string? ReporterContact,
    string GivenName,
    string Surname,
    string? Aliases,
    PartialDate? DateOfBirth,
    string? PlaceOfBirth,
    Sex Sex,
    string? Address,
    IReadOnlyList<string> Behaviours,
    string Narrative,
    Urgency Urgency,
    Guid? PersonId);

internal static partial class ReportValidation
{
    public static readonly IReadOnlyDictionary<string, ReportSource> Sources = new Dictionary<string, ReportSource>(StringComparer.OrdinalIgnoreCase)
    {
        ["hotline"] = ReportSource.Hotline,
        ["public-form"] = ReportSource.PublicForm,
        ["professional"] = ReportSource.Professional,
        ["agency"] = ReportSource.Agency,
        ["panel"] = ReportSource.Panel,
    };

    public static readonly IReadOnlyDictionary<string, Urgency> Urgencies = new Dictionary<string, Urgency>(StringComparer.OrdinalIgnoreCase)
    {
        ["routine"] = Domain.Urgency.Routine,
        ["priority"] = Domain.Urgency.Priority,
        ["urgent"] = Domain.Urgency.Urgent,
    };

    public static readonly IReadOnlyDictionary<string, Sex> Sexes = new Dictionary<string, Sex>(StringComparer.OrdinalIgnoreCase)
    {
        ["M"] = Sex.Male,
        ["F"] = Sex.Female,
        ["U"] = Sex.Unknown,
    };

    public static string Code(ReportSource source) => Sources.First(s => s.Value == source).Key;

    public static string Code(Urgency urgency) => Urgencies.First(s => s.Value == urgency).Key;

    public static string Code(Sex sex) => Sexes.First(s => s.Value == sex).Key;

    /// <summary>Checks every field; returns the typed report, or every error found (nothing is stored on error).</summary>
    public static (ValidReport? Report, IReadOnlyList<FieldError> Errors) Validate(ReportSubmission s, AccessScope scope, DateOnly today)
    {
        var errors = new List<FieldError>();
        var person = s.Person ?? new ReportedPerson();

        ReportSource source = default;
        if (string.IsNullOrWhiteSpace(s.Source))
        {
            errors.Add(new("source", "error.required"));
        }
        else if (!Sources.TryGetValue(s.Source.Trim(), out source))
        {
            errors.Add(new("source", "error.unknown-value"));
        }

        var territory = s.Territory?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(territory))
        {
            errors.Add(new("territory", "error.required"));
        }
        else if (!Departements.All.Any(d => d.Code == territory))
        {
            errors.Add(new("territory", "error.territory-unknown"));
        }
        else if (!scope.CoversTerritory(territory))
        {
            errors.Add(new("territory", "error.territory-outside-scope"));
        }

        var reporterName = Text(errors, "reporterName", s.ReporterName, Limits.Name, NamePattern());
        var reporterContact = Text(errors, "reporterContact", s.ReporterContact, Limits.Contact, ContactPattern());
        var givenName = Text(errors, "person.givenName", person.GivenName, Limits.Name, NamePattern());
        var surname = Text(errors, "person.surname", person.Surname, Limits.Name, NamePattern());
        if (givenName is null && surname is null && !errors.Any(e => e.Field is "person.givenName" or "person.surname"))
        {
            errors.Add(new("person.surname", "error.name-required"));
        }

        var aliases = Text(errors, "person.aliases", person.Aliases, Limits.Aliases, AliasesPattern());
        var place = Text(errors, "person.placeOfBirth", person.PlaceOfBirth, Limits.Place, PlacePattern());
        var address = Text(errors, "person.address", person.Address, Limits.Address, AddressPattern());

        PartialDate? dateOfBirth = null;
        if (!string.IsNullOrWhiteSpace(person.DateOfBirth))
        {
            if (PartialDate.TryParse(person.DateOfBirth, today, out var parsed))
            {
                dateOfBirth = parsed;
            }
            else
            {
                errors.Add(new("person.dateOfBirth", "error.date-invalid"));
            }
        }

        var sex = Sex.Unknown;
        if (!string.IsNullOrWhiteSpace(person.Sex) && !Sexes.TryGetValue(person.Sex.Trim(), out sex))
        {
            errors.Add(new("person.sex", "error.unknown-value"));
        }

        var behaviours = (s.Behaviours ?? []).Select(b => b?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (behaviours.Count > Domain.Behaviours.All.Count || behaviours.Any(b => !Domain.Behaviours.IsKnown(b)))
        {
            errors.Add(new("behaviours", "error.unknown-value"));
        }

        var narrative = Text(errors, "narrative", s.Narrative, Limits.Narrative, null, multiline: true);
        if (narrative is null && !errors.Any(e => e.Field == "narrative"))
        {
            errors.Add(new("narrative", "error.required"));
        }

        var urgency = Domain.Urgency.Routine;
        if (!string.IsNullOrWhiteSpace(s.Urgency) && !Urgencies.TryGetValue(s.Urgency.Trim(), out urgency))
        {
            errors.Add(new("urgency", "error.unknown-value"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidReport(
            source, territory!, reporterName, reporterContact, givenName ?? string.Empty, surname ?? string.Empty,
            aliases, dateOfBirth, place, sex, address, [.. behaviours.Order(StringComparer.Ordinal)], narrative!, urgency, s.PersonId), []);
    }

    /// <summary>Checks an optional multi-line free text (a message, a reason): trimmed, length, no control characters, no markup.</summary>
    public static string? FreeText(List<FieldError> errors, string field, string? value, int max) =>
        Text(errors, field, value, max, allowed: null, multiline: true);

    /// <summary>Trims an optional text field and checks its length, characters and absence of markup.</summary>
    private static string? Text(List<FieldError> errors, string field, string? value, int max, Regex? allowed, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > max)
        {
            errors.Add(new(field, "error.too-long", max));
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(new(field, "error.control-characters"));
            return null;
        }

        if (MarkupPattern().IsMatch(trimmed))
        {
            errors.Add(new(field, "error.markup"));
            return null;
        }

        if (allowed is not null && !allowed.IsMatch(trimmed))
        {
            errors.Add(new(field, "error.characters"));
            return null;
        }

        return trimmed;
    }

    // Letters of any script, combining marks, spaces, hyphens, apostrophes and dots (Jean-Luc, N'Diaye, O’Brien, St. Clair).
    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '’.\-,;]*$")]
    private static partial Regex AliasesPattern();

    [GeneratedRegex(@"^[\p{L}\p{M}\p{N} '’.\-,()]+$")]
    private static partial Regex PlacePattern();

    [GeneratedRegex(@"^[\p{L}\p{M}\p{N} '’.\-,()/°#]+$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^[\p{L}\p{M}\p{N} '’.\-,()@+_/]+$")]
    private static partial Regex ContactPattern();

    // An HTML tag, comment or entity-encoded bracket: free text is rendered encoded anyway, but markup in a report is refused outright.
    [GeneratedRegex(@"<\s*[a-zA-Z!/?]|&#|&lt;|&gt;|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex MarkupPattern();
}
