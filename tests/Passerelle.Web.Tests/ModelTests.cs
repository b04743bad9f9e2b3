using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Tests;

/// <summary>Each provider's migrations match the model: a model change without a migration fails here.</summary>
public sealed class ModelTests
{
    [Fact]
    public void SqliteModel_HasNoChangesWithoutAMigration()
    {
        using var db = new SqlitePasserelleDb(
            new DbContextOptionsBuilder<SqlitePasserelleDb>().UseSqlite("Data Source=:memory:").Options,
            new CurrentActor(new HttpContextAccessor()), TimeProvider.System);

        db.Database.HasPendingModelChanges().ShouldBeFalse("run scripts/add-migration.sh");
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    [Fact]
    public void PostgresModel_HasNoChangesWithoutAMigration()
    {
        using var db = new PostgresPasserelleDb(
            new DbContextOptionsBuilder<PostgresPasserelleDb>().UseNpgsql("Host=127.0.0.1;Database=model-check").Options,
            new CurrentActor(new HttpContextAccessor()), TimeProvider.System);

        db.Database.HasPendingModelChanges().ShouldBeFalse("run scripts/add-migration.sh");
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AppliedMigrations_OnTheTestProvider_LeaveNothingPending()
    {
        await using var factory = await Infrastructure.PasserelleFactory.StartAsync();

        var (pending, changes) = await factory.WithDbAsync(async db =>
            ((await db.Database.GetPendingMigrationsAsync()).ToList(), db.Database.HasPendingModelChanges()));

        pending.ShouldBeEmpty();
        changes.ShouldBeFalse();
    }
}
