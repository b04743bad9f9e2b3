namespace Passerelle.Matching;

/// <summary>
/// One person record as the engine sees it. Every field but <see cref="Id"/> is optional:
/// missing values are neutral evidence, never disagreement. There is deliberately no field
/// for nationality, origin or religion (DESIGN.md red line 2): transliteration rules work on
/// spelling only.
/// </summary>
/// <param name="Id">Caller's identifier, returned unchanged in results.</param>
public sealed record MatchRecord(string Id)
{
    /// <summary>Given name(s).</summary>
    public string? GivenName { get; init; }

    /// <summary>Surname (family name), particles included.</summary>
    public string? Surname { get; init; }

    /// <summary>Full name, used only when both given name and surname are absent.</summary>
    public string? FullName { get; init; }

    /// <summary>Date of birth, possibly partial.</summary>
    public PartialDate? DateOfBirth { get; init; }

    /// <summary>Place of birth (town, any language).</summary>
    public string? PlaceOfBirth { get; init; }

    /// <summary>Address as one free-text line.</summary>
    public string? Address { get; init; }

    /// <summary>Postcode.</summary>
    public string? Postcode { get; init; }

    /// <summary>Sex as recorded (M/F/H/male/female/homme/femme...).</summary>
    public string? Sex { get; init; }

    /// <summary>
    /// Identity-document and registration numbers (social security, national identity card,
    /// passport, driving licence...), compared only kind with kind. Only the number is read:
    /// no issuing country, which would say where someone comes from.
    /// </summary>
    public IReadOnlyList<PersonIdentifier>? Identifiers { get; init; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Telephone number, any format (only its last nine digits are compared).</summary>
    public string? Phone { get; init; }
}

/// <summary>One identity-document or registration number of a person.</summary>
/// <param name="Kind">What the number is (e.g. "ssn", "passport", "national_id"); numbers are compared only within one kind.</param>
/// <param name="Number">The number as written; spaces, dots and dashes are ignored.</param>
public sealed record PersonIdentifier(string Kind, string Number);
