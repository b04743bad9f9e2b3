using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Passerelle.Web.Security;

namespace Passerelle.Web.Data;

/// <summary>The production database; several app instances may share it.</summary>
internal sealed class PostgresPasserelleDb(DbContextOptions<PostgresPasserelleDb> options, CurrentActor actor, TimeProvider clock)
    : PasserelleDb(options, actor, clock)
{
    /// <summary>Arbitrary constant naming the advisory lock that serialises audit-chain appends across instances.</summary>
    private const long AuditChainLockKey = 7_242_001;

    protected override Task LockAuditChainAsync(CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", ct);
}

/// <summary>Used by <c>dotnet ef</c> only, to generate the PostgreSQL migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPasserelleDb>
{
    public PostgresPasserelleDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPasserelleDb>().UseNpgsql("Host=localhost;Database=design").Options,
            new CurrentActor(new HttpContextAccessor()), TimeProvider.System);
}
