namespace Passerelle.Web.Security;

/// <summary>A personal access token for the API. Only its SHA-256 hash is stored; the token is shown once.</summary>
internal sealed class AccessToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string UserId { get; init; }

    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string Hash { get; init; }

    /// <summary>The first characters of the token, so its owner can tell tokens apart.</summary>
    public required string Prefix { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
