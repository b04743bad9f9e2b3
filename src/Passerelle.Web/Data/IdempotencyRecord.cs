namespace Passerelle.Web.Data;

/// <summary>
/// The stored answer to an API request made with an <c>Idempotency-Key</c>: a replay returns it, the
/// same key with another body is refused. Stored in the same transaction as the change it answers.
/// </summary>
internal sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 128;

    public required string UserId { get; init; }

    public required string Key { get; init; }

    /// <summary>Hex SHA-256 of the request body.</summary>
    public required string RequestHash { get; init; }

    public int StatusCode { get; init; }

    public required string ContentType { get; init; }

    public required string ResponseBody { get; init; }

    public string? Location { get; init; }

    public DateTime CreatedAt { get; init; }
}
