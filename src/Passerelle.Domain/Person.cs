namespace Passerelle.Domain;

/// <summary>A person in the register of one département.</summary>
public sealed class Person : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TerritoryCode { get; set; }

    public required string GivenName { get; set; }

    public required string Surname { get; set; }

    public string? Aliases { get; set; }

    public int? BirthYear { get; set; }

    public int? BirthMonth { get; set; }

    public int? BirthDay { get; set; }

    public string? PlaceOfBirth { get; set; }

    public Sex Sex { get; set; }

    public string? Address { get; set; }

    public DateTime CreatedAt { get; init; }

    public required string CreatedById { get; init; }

    public int Version { get; set; }

    /// <summary>
    /// Set when a data steward merged this person into another (the survivor): the record stays,
    /// its reports and cases now belong to the survivor, and it leaves lists and candidate
    /// searches. Cleared when the merge is undone (<see cref="PersonMerge"/>).
    /// </summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>Names and aliases folded by <see cref="SearchText"/>, kept in step by <see cref="RefreshSearchKey"/>.</summary>
    public string SearchKey { get; private set; } = string.Empty;

    public List<Case> Cases { get; init; } = [];

    public void RefreshSearchKey() => SearchKey = " " + SearchText.Normalise($"{Surname} {GivenName} {Aliases}") + " ";

    public PartialDate? DateOfBirth
    {
        get => PartialDate.FromParts(BirthYear, BirthMonth, BirthDay);
        set
        {
            BirthYear = value?.Year;
            BirthMonth = value?.Month;
            BirthDay = value?.Day;
        }
    }
}
