namespace Passerelle.Domain;

/// <summary>A record edited by people: its <see cref="Version"/> is checked and bumped on every save (optimistic concurrency).</summary>
public interface IVersioned
{
    int Version { get; set; }
}
