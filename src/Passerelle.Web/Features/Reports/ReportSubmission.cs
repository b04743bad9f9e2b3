using System.Text.RegularExpressions;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
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

    /// <summary>
    /// The département of the person's residence: where the report goes. <see cref="Territory"/> says the same
    /// (kept for existing callers); when both are given they must agree.
    /// </summary>
    public string? ResidenceTerritory { get; init; }

    /// <summary>The caller's département: where the report goes when the person's residence is not known.</summary>
    public string? CallerTerritory { get; init; }

    /// <summary>The caller's relation to the person (<see cref="CallerRelations"/>).</summary>
    public string? CallerRelation { get; init; }

    /// <summary>The caller agreed to be called back on <see cref="ReporterContact"/>.</summary>
    public bool? CallbackConsent { get; init; }

    /// <summary>The caller's main worry, in their words.</summary>
    public string? MainWorry { get; init; }

    /// <summary>The reporting organisation (required for partners).</summary>
    public string? Organisation { get; init; }

    /// <summary>The kind of organisation (<see cref="OrganisationTypes"/>; required for partners).</summary>
    public string? OrganisationType { get; init; }

    /// <summary>
    /// Signs of imminent danger the caller described (<see cref="Hotline.UrgencyRules.DangerSigns"/>): a threat to
    /// someone's life, an act announced for the coming hours or days. Any of them makes the urgency "imminent".
    /// </summary>
    public IReadOnlyList<string>? DangerSigns { get; init; }

    /// <summary>The hotline offers the family a referral to the département's family-support unit (CPRAF).</summary>
    public FamilyReferralRequest? FamilyReferral { get; init; }
}

/// <summary>A referral of the caller's family to the family-support unit; recorded only with their consent.</summary>
internal sealed record FamilyReferralRequest
{
    /// <summary>The family agreed to be contacted by the unit (required: no consent, no referral).</summary>
    public bool? Consent { get; init; }

    /// <summary>A note for the unit (when to call, what the family expects).</summary>
    public string? Note { get; init; }
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
    Guid? PersonId,
    string? CallerRelation = null,
    bool CallbackConsent = false,
    string? MainWorry = null,
    string? Organisation = null,
    string? OrganisationType = null,
    bool RoutedByCallerTerritory = false,
    ValidFamilyReferral? FamilyReferral = null,
    IReadOnlyList<string>? DangerSigns = null);

/// <summary>A family referral once validated: the caller's name and contact, the family's consent given.</summary>
internal sealed record ValidFamilyReferral(string ContactName, string Contact, string? Relation, string? Note);

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
        ["imminent"] = Domain.Urgency.Imminent,
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

        var (territory, routedByCaller) = Route(errors, s, source, scope);

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

        var callerRelation = Code(errors, "callerRelation", s.CallerRelation, CallerRelations.IsKnown);
        if (s.CallbackConsent == true && reporterContact is null && !errors.Any(e => e.Field == "reporterContact"))
        {
            errors.Add(new("reporterContact", "hotline.error.callback-needs-contact"));
        }

        var mainWorry = Text(errors, "mainWorry", s.MainWorry, Limits.Worry, null, multiline: true);
        var organisation = Text(errors, "organisation", s.Organisation, Limits.Organisation, OrganisationPattern());
        var organisationType = Code(errors, "organisationType", s.OrganisationType, OrganisationTypes.IsKnown);
        if (scope.Role == Roles.Partner)
        {
            // A partner professional reports as their organisation, through the professional door only.
            if (source != ReportSource.Professional && !errors.Any(e => e.Field == "source"))
            {
                errors.Add(new("source", "hotline.error.source-not-allowed"));
            }

            if (organisation is null && !errors.Any(e => e.Field == "organisation"))
            {
                errors.Add(new("organisation", "hotline.error.organisation-required"));
            }

            if (organisationType is null && !errors.Any(e => e.Field == "organisationType"))
            {
                errors.Add(new("organisationType", "hotline.error.organisation-type-required"));
            }
        }

        var dangerSigns = (s.DangerSigns ?? []).Select(d => d?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (dangerSigns.Count > Hotline.UrgencyRules.DangerSigns.Count || dangerSigns.Any(d => !Hotline.UrgencyRules.DangerSigns.Contains(d, StringComparer.Ordinal)))
        {
            errors.Add(new("dangerSigns", "error.unknown-value"));
            dangerSigns = [];
        }

        // The rules give the least urgency the reported facts call for; a person may choose higher, never lower.
        var minimum = Hotline.UrgencyRules.MinimumFor(behaviours.Where(Domain.Behaviours.IsKnown), dangerSigns);
        var urgency = minimum.Urgency;
        if (!string.IsNullOrWhiteSpace(s.Urgency))
        {
            if (!Urgencies.TryGetValue(s.Urgency.Trim(), out var chosen))
            {
                errors.Add(new("urgency", "error.unknown-value"));
            }
            else if (chosen < minimum.Urgency && scope.IsSystem)
            {
                // The command line and the demo seed import reports as the system, with no one to answer a
                // refusal: the rule raises their urgency to its minimum instead.
                urgency = minimum.Urgency;
            }
            else if (chosen < minimum.Urgency)
            {
                errors.Add(new("urgency", "hotline.error.urgency-below-rule", Texts.Get("urgency." + Code(minimum.Urgency)), Texts.Get(minimum.RuleKey!)));
            }
            else
            {
                urgency = chosen;
            }
        }

        ValidFamilyReferral? referral = null;
        if (s.FamilyReferral is { } asked)
        {
            var note = Text(errors, "familyReferral.note", asked.Note, FamilyReferral.MaxNoteLength, null, multiline: true);
            if (source != ReportSource.Hotline && !errors.Any(e => e.Field == "source"))
            {
                errors.Add(new("familyReferral", "hotline.error.family-referral-hotline-only"));
            }
            else if (asked.Consent != true)
            {
                errors.Add(new("familyReferral.consent", "hotline.error.family-referral-consent"));
            }
            else if (reporterName is null || reporterContact is null)
            {
                if (!errors.Any(e => e.Field is "reporterName" or "reporterContact"))
                {
                    errors.Add(new(reporterName is null ? "reporterName" : "reporterContact", "hotline.error.family-referral-contact-required"));
                }
            }
            else
            {
                referral = new ValidFamilyReferral(reporterName, reporterContact, callerRelation, note);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidReport(
            source, territory!, reporterName, reporterContact, givenName ?? string.Empty, surname ?? string.Empty,
            aliases, dateOfBirth, place, sex, address, [.. behaviours.Order(StringComparer.Ordinal)], narrative!, urgency, s.PersonId,
            callerRelation, s.CallbackConsent == true, mainWorry, organisation, organisationType, routedByCaller, referral, [.. dangerSigns.Order(StringComparer.Ordinal)]), []);
    }

    /// <summary>
    /// Routing (issue 4): the report goes to the département of the person's residence; when it is not known,
    /// to the caller's. One of the two is required, and the destination must be within the user's scope.
    /// </summary>
    private static (string? Territory, bool RoutedByCaller) Route(List<FieldError> errors, ReportSubmission s, ReportSource source, AccessScope scope)
    {
        var given = TerritoryCode(errors, "territory", s.Territory);
        var residence = TerritoryCode(errors, "residenceTerritory", s.ResidenceTerritory);
        var caller = TerritoryCode(errors, "callerTerritory", s.CallerTerritory);
        if (errors.Any(e => e.Field is "territory" or "residenceTerritory" or "callerTerritory"))
        {
            return (null, false);
        }

        if (given is not null && residence is not null && given != residence)
        {
            errors.Add(new("residenceTerritory", "hotline.error.territory-conflict"));
            return (null, false);
        }

        residence ??= given;
        var (destination, field) = residence is not null
            ? (residence, s.ResidenceTerritory is null ? "territory" : "residenceTerritory")
            : (caller, "callerTerritory");
        if (destination is null)
        {
            // The doors where a caller writes in (hotline, public form) have the caller's fallback: say so.
            errors.Add(new("territory", source is ReportSource.Hotline or ReportSource.PublicForm ? "hotline.error.territory-routing-required" : "error.required"));
            return (null, false);
        }

        if (!scope.CoversTerritory(destination))
        {
            errors.Add(new(field, "error.territory-outside-scope"));
            return (null, false);
        }

        return (destination, residence is null);
    }

    private static string? TerritoryCode(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var code = value.Trim().ToUpperInvariant();
        if (!Departements.All.Any(d => d.Code == code))
        {
            errors.Add(new(field, "error.territory-unknown"));
            return null;
        }

        return code;
    }

    /// <summary>An optional code of a closed list (caller relation, organisation type).</summary>
    private static string? Code(List<FieldError> errors, string field, string? value, Func<string, bool> known)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var code = value.Trim();
        if (code.Length > 32 || !known(code))
        {
            errors.Add(new(field, "error.unknown-value"));
            return null;
        }

        return code;
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

    // An organisation's name: letters, digits and the punctuation names use ("Collège Jean-Jaurès (Lille)", "AS Roubaix & Co").
    [GeneratedRegex(@"^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} '’.\-,()&/°]*$")]
    private static partial Regex OrganisationPattern();

    // An HTML tag, comment or entity-encoded bracket: free text is rendered encoded anyway, but markup in a report is refused outright.
    [GeneratedRegex(@"<\s*[a-zA-Z!/?]|&#|&lt;|&gt;|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex MarkupPattern();
}
