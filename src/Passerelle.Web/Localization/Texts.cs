using System.Globalization;

namespace Passerelle.Web.Localization;

/// <summary>
/// Every user-facing text in French (first) and English, looked up by key for the current UI culture.
/// A missing key shows the key itself, which a test catches.
/// </summary>
internal sealed partial class Texts
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string key] => Get(key);

    public static string Get(string key) =>
        Entries.TryGetValue(key, out var pair) ? (IsEnglish ? pair.En : pair.Fr) : key;

    public static string Format(string key, params object[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);

    public static bool Has(string key) => Entries.ContainsKey(key);

    public static IEnumerable<string> Keys => Entries.Keys;
}
