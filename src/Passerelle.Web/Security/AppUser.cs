using Microsoft.AspNetCore.Identity;

namespace Passerelle.Web.Security;

/// <summary>A staff account: one role and a territory scope ("59,62" or "national").</summary>
internal sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }

    public required string Role { get; set; }

    public required string Territories { get; set; }

    public DateTime CreatedAt { get; init; }
}
