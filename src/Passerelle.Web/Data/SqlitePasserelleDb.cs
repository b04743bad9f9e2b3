using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Passerelle.Web.Security;

namespace Passerelle.Web.Data;

/// <summary>The embedded default: one file, no server.</summary>
internal sealed class SqlitePasserelleDb(DbContextOptions<SqlitePasserelleDb> options, CurrentActor actor, TimeProvider clock)
    : PasserelleDb(options, actor, clock)
{
    // Transactions on SQLite begin IMMEDIATE (Microsoft.Data.Sqlite's default), which already holds
    // the database's single write lock: appends to the chain are serialised, across processes too.
    protected override Task LockAuditChainAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Used by <c>dotnet ef</c> only, to generate the SQLite migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePasserelleDb>
{
    public SqlitePasserelleDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePasserelleDb>().UseSqlite("Data Source=design.db").Options,
            new CurrentActor(new HttpContextAccessor()), TimeProvider.System);
}
