using System.Globalization;
using System.Text.Json.Nodes;

namespace Passerelle.Durability;

/// <summary>One report to record: its own Idempotency-Key and a marker in its narrative that the final count looks for.</summary>
internal sealed class Submission
{
    private static readonly string[] Surnames = ["Martin", "Bernard", "Dubois", "Lefebvre", "Moreau", "Garcia", "Roux", "Fournier", "Girard", "Mercier"];
    private static readonly string[] GivenNames = ["Lucas", "Lina", "Hugo", "Chloé", "Nathan", "Inès", "Yanis", "Jade", "Adam", "Louise"];

    private readonly List<string> history = [];

    public Submission(string run, int number)
    {
        Number = number;
        Marker = string.Create(CultureInfo.InvariantCulture, $"durability-{run}-{number:D6}");
        Key = Marker;
        var body = new JsonObject
        {
            ["source"] = "hotline",
            ["territory"] = "59",
            ["reporterName"] = "Claire Dupont",
            ["reporterContact"] = "claire.dupont@example.org",
            ["person"] = new JsonObject
            {
                ["givenName"] = GivenNames[number % GivenNames.Length],
                ["surname"] = Surnames[number / GivenNames.Length % Surnames.Length],
                ["dateOfBirth"] = string.Create(CultureInfo.InvariantCulture, $"{1990 + (number % 20)}-0{1 + (number % 9)}"),
                ["placeOfBirth"] = "Lille",
                ["sex"] = number % 2 == 0 ? "M" : "F",
                ["address"] = string.Create(CultureInfo.InvariantCulture, $"{1 + (number % 200)} rue Nationale, Lille"),
            },
            ["behaviours"] = new JsonArray("family-rupture"),
            ["narrative"] = Marker + " : signalement envoyé par le contrôle de durabilité.",
            ["urgency"] = "routine",
        };
        Body = body.ToJsonString();
    }

    public int Number { get; }

    /// <summary>Written at the start of the narrative; unique to this submission.</summary>
    public string Marker { get; }

    public string Key { get; }

    public string Body { get; }

    /// <summary>The receipt of the 201 that acknowledged it, or null.</summary>
    public string? Receipt { get; set; }

    /// <summary>Why it was not acknowledged: an answer that is not retried, or the deadline.</summary>
    public string? Failure { get; set; }

    public int Attempts { get; set; }

    /// <summary>Each attempt's outcome with its time since the start of the run, for the evidence of a failure.</summary>
    public IReadOnlyList<string> History => history;

    public void Note(TimeSpan at, string outcome) =>
        history.Add(string.Create(CultureInfo.InvariantCulture, $"+{at.TotalSeconds:F1}s {outcome}"));
}
