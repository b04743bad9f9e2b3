namespace Passerelle.Domain;

/// <summary>A département (101 of them): the territory of a prefecture and of its panel.</summary>
public sealed class Territory
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Region { get; init; }

    /// <summary>Where imminent-danger alerts go (the panel's duty contact, an e-mail address); set by administrators.</summary>
    public string? DutyContactEmail { get; set; }
}
