using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features;

/// <summary>Small view helpers shared by the pages.</summary>
internal static class PageHelpers
{
    /// <summary>The first error of a field, or null.</summary>
    public static string? ErrorFor(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>Element id Razor gives a bound property ("Input.Surname" → "Input_Surname").</summary>
    public static string IdFor(string key) => key.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    public static string Date(DateTime utc) =>
        ParisTime.FromUtc(utc).ToString(Texts.IsEnglish ? "d MMM yyyy HH:mm" : "d MMM yyyy 'à' HH:mm", CultureInfo.CurrentCulture);

    public static string Day(DateTime utc) =>
        ParisTime.FromUtc(utc).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Territories(string value) =>
        value == AccessScope.NationalValue ? Texts.Get("territory.national") : value;

    public static string TerritoriesOf(AccessScope scope) =>
        scope.National ? Texts.Get("territory.national") : string.Join(", ", scope.Territories);
}

/// <summary>A DSFR text input with its label, hint and error (rendered by Shared/_TextField).</summary>
internal sealed record TextField(string Key, string Label, string? Value, string? Hint = null, bool Required = false, int MaxLength = 100, string? Autocomplete = null, int Rows = 0, string Type = "text");

/// <summary>A DSFR pagination bar (rendered by Shared/_Pagination); nothing is shown for a single page.</summary>
internal sealed record Pagination(int Page, int PageCount, Func<int, string> Link);
