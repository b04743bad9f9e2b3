namespace Passerelle.Web.Data;

/// <summary>Field length limits, shared by the schema, the forms and the API validation.</summary>
internal static class Limits
{
    public const int Name = 100;
    public const int Aliases = 300;
    public const int Place = 150;
    public const int Address = 300;
    public const int Contact = 200;
    public const int Narrative = 10_000;
    public const int SearchQuery = 100;
    public const int Worry = 2000;
    public const int Organisation = 200;
}
