using System.Globalization;
using Microsoft.Extensions.Primitives;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;

namespace Passerelle.Web.Features.Evaluation;

/// <summary>Which new offences a curve or a column counts.</summary>
internal enum OffenceScope
{
    /// <summary>Any new offence or conviction (the curves' default); the table shows both types.</summary>
    Any = 0,
    TerrorismRelated = 1,
    Other = 2,
}

/// <summary>
/// What an evaluation request asks for: the programme (one for now), optionally one site, one cohort year (year of
/// enrolment) and one offence type. The page, its CSV and the API read the same query parameters
/// (<c>programme</c>, <c>site</c>, <c>cohort</c>, <c>offence</c>) through <see cref="Parse"/>, so they accept and
/// refuse exactly the same input; an unknown value is never echoed back.
/// </summary>
internal sealed record EvaluationFilter(string? Site, int? Cohort, OffenceScope Offence)
{
    /// <summary>The one programme evaluated for now: the disengagement programme for released terrorism convicts.</summary>
    public const string Programme = "disengagement";

    /// <summary>No cohort predates the French programme's first site (2018); earlier years are accepted back to 2000 for history.</summary>
    public const int FirstCohort = 2000;

    public static readonly string[] Fields = ["programme", "site", "cohort", "offence"];

    public static readonly IReadOnlyList<(string Code, OffenceScope Scope)> Offences =
    [
        ("terrorism", OffenceScope.TerrorismRelated),
        ("other", OffenceScope.Other),
    ];

    public static string Code(OffenceScope scope) => scope == OffenceScope.Any ? "any" : Offences.First(o => o.Scope == scope).Code;

    /// <summary>What the request asked for, for the audit log: codes only.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"programme={Programme} site={Site ?? "all"} cohort={(Cohort is { } c ? c.ToString(CultureInfo.InvariantCulture) : "all")} offence={Code(Offence)}");

    public static (EvaluationFilter? Filter, IReadOnlyList<FieldError> Errors) Parse(IQueryCollection query, DateOnly today)
    {
        var errors = new List<FieldError>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var raw = query.TryGetValue(field, out var v) ? v : StringValues.Empty;
            if (raw.Count > 1)
            {
                errors.Add(new(field, "evaluation.error.repeated"));
                continue;
            }

            var text = raw.Count == 0 ? null : raw[0]?.Trim();
            values[field] = string.IsNullOrEmpty(text) ? null : text;
        }

        if (values.GetValueOrDefault("programme") is { } programme && !string.Equals(programme, Programme, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("programme", "evaluation.error.programme-unknown"));
        }

        string? site = null;
        if (values.GetValueOrDefault("site") is { } siteCode)
        {
            site = ProgrammeSiteData.All.FirstOrDefault(s => string.Equals(s.Code, siteCode, StringComparison.OrdinalIgnoreCase))?.Code;
            if (site is null)
            {
                errors.Add(new("site", "evaluation.error.site-unknown"));
            }
        }

        int? cohort = null;
        if (values.GetValueOrDefault("cohort") is { } cohortText)
        {
            if (cohortText.Length == 4 && int.TryParse(cohortText, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                && year >= FirstCohort && year <= today.Year)
            {
                cohort = year;
            }
            else
            {
                errors.Add(new("cohort", "evaluation.error.cohort", FirstCohort, today.Year));
            }
        }

        var offence = OffenceScope.Any;
        if (values.GetValueOrDefault("offence") is { } offenceCode)
        {
            var match = Offences.Where(o => string.Equals(o.Code, offenceCode, StringComparison.OrdinalIgnoreCase)).Select(o => (OffenceScope?)o.Scope).FirstOrDefault();
            if (match is null)
            {
                errors.Add(new("offence", "evaluation.error.offence-unknown"));
            }

            offence = match ?? OffenceScope.Any;
        }

        return errors.Count > 0 ? (null, errors) : (new EvaluationFilter(site, cohort, offence), errors);
    }

    /// <summary>The open and planned sites, in reference order (Paris, Marseille, Lyon, Lille, Nice, Strasbourg).</summary>
    public static IReadOnlyList<ProgrammeSite> Sites => ProgrammeSiteData.All;
}
