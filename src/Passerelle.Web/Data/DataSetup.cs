using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Passerelle.Web.Data;

internal static class DataSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>Database:Provider = Sqlite (default) | Postgres; ConnectionStrings:Default.</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? Sqlite;
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
            }

            builder.Services.AddDbContext<PasserelleDb, PostgresPasserelleDb>(o => o.UseNpgsql(connectionString));
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = new SqliteConnectionStringBuilder(connectionString ?? "Data Source=data/passerelle.db");
            if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
            {
                sqlite.DataSource = Path.Combine(builder.Environment.ContentRootPath, sqlite.DataSource);
            }

            if (Path.GetDirectoryName(sqlite.DataSource) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            sqlite.DefaultTimeout = 30;
            builder.Services.AddDbContext<PasserelleDb, SqlitePasserelleDb>(o => o.UseSqlite(sqlite.ToString()));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be '{Sqlite}' or '{Postgres}', not '{provider}'.");
        }

        return builder;
    }

    public static async Task MigrateAsync(this PasserelleDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers do not block the writer.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
