namespace Passerelle.Web.Data;

/// <summary>
/// The stored answer to an API request made with an <c>Idempotency-Key</c>: a replay returns it, the
/// same key with another body is refused. A request first claims its key (a row with
/// <see cref="StatusCode"/> 0, committed at once), so the same key arriving while it is in flight gets
/// 409; the answer is then written in the same transaction as the change it answers. A claim left by a
/// process that died is taken over once <see cref="Lease"/> has passed since <see cref="CreatedAt"/>.
/// </summary>
internal sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 128;

    /// <summary>StatusCode of a claim whose request is still being processed.</summary>
    public const int InFlight = 0;

    /// <summary>How long a claim holds its key before another request may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

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
