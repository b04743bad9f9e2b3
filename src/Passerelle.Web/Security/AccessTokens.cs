using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Security;

/// <summary>Issuing and revoking personal access tokens; the clear token exists only in the answer to its creation.</summary>
internal static class AccessTokens
{
    public static async Task<string> CreateAsync(IServiceProvider services, AppUser user, string name)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var token = TokenAuthenticationHandler.NewToken();
        var record = new AccessToken
        {
            UserId = user.Id,
            Name = name,
            Hash = TokenAuthenticationHandler.HashToken(token),
            Prefix = token[..10],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AccessTokens.Add(record);
        services.GetRequiredService<AuditLog>().Append("token.create", "AccessToken", record.Id, reason: $"for user {user.Id}");
        await db.SaveChangesAsync();
        return token;
    }

    public static async Task<int> RevokeAllAsync(IServiceProvider services, AppUser user)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var tokens = await db.AccessTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync();
        foreach (var token in tokens)
        {
            token.RevokedAt = now;
            services.GetRequiredService<AuditLog>().Append("token.revoke", "AccessToken", token.Id);
        }

        await db.SaveChangesAsync();
        return tokens.Count;
    }
}
