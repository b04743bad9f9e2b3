using System.Globalization;

namespace Passerelle.Web.Localization;

/// <summary>
/// Every user-facing text in French (first) and English, looked up by key for the current UI culture.
/// A missing key shows the key itself, which a test catches.
/// </summary>
internal sealed partial class Texts
{
    /// <summary>
    /// The core texts plus each feature's own (a partial file per feature, Texts.&lt;Feature&gt;.cs);
    /// a key defined twice stops the application at start.
    /// </summary>
    private static readonly Dictionary<string, (string Fr, string En)> Entries = Merge(
        CoreEntries(), HotlineEntries(), PublicFormsEntries(), SectarianEntries(), StatisticsEntries(), RetentionEntries(), CareEntries(),
        PanelEntries(), TransfersEntries(), AssessmentsEntries(), ReviewsEntries(), DecisionsEntries(),
        CarePlansEntries(), MinorsEntries(), ProgrammeEntries(), ReleasesEntries(), EvaluationEntries());

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string key] => Get(key);

    public static string Get(string key) =>
        Entries.TryGetValue(key, out var pair) ? (IsEnglish ? pair.En : pair.Fr) : key;

    public static string Format(string key, params object[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);

    public static bool Has(string key) => Entries.ContainsKey(key);

    public static IEnumerable<string> Keys => Entries.Keys;

    private static Dictionary<string, (string Fr, string En)> Merge(params Dictionary<string, (string Fr, string En)>[] parts)
    {
        var all = new Dictionary<string, (string Fr, string En)>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var (key, value) in part)
            {
                if (!all.TryAdd(key, value))
                {
                    throw new InvalidOperationException($"Text key '{key}' is defined twice.");
                }
            }
        }

        return all;
    }
}
