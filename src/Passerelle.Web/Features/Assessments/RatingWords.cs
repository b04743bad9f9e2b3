using Passerelle.Domain;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// A rating is a word, never a number (red line 1): the form posts the word, the API answers the word, and the
/// pages show the word. <see cref="ItemRating"/>'s underlying values are never written out anywhere.
/// </summary>
internal static class RatingWords
{
    /// <summary>In the order the form offers them; "unknown" is the default and a real answer.</summary>
    public static readonly IReadOnlyList<ItemRating> Offered = [ItemRating.Present, ItemRating.PartlyPresent, ItemRating.Absent, ItemRating.Unknown];

    /// <summary>The word of the API ("present", "partly-present", "absent", "unknown").</summary>
    public static string Code(ItemRating rating) => rating switch
    {
        ItemRating.Present => "present",
        ItemRating.PartlyPresent => "partly-present",
        ItemRating.Absent => "absent",
        _ => "unknown",
    };

    /// <summary>Reads a posted word: the API code or the form value; any number or other text is refused.</summary>
    public static ItemRating? Parse(string? value) => value?.Trim() switch
    {
        "present" or "Present" => ItemRating.Present,
        "partly-present" or "PartlyPresent" => ItemRating.PartlyPresent,
        "absent" or "Absent" => ItemRating.Absent,
        "unknown" or "Unknown" => ItemRating.Unknown,
        _ => null,
    };

    public static string Label(ItemRating rating) => Texts.Get("assessment.rating." + Code(rating));

    /// <summary>Present or partly present: the item needs its evidence before the assessment is completed.</summary>
    public static bool NeedsEvidence(ItemRating rating) => rating is ItemRating.Present or ItemRating.PartlyPresent;
}
