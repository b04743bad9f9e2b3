using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Passerelle.Web.Data.Migrations.Sqlite;

/// <summary>The audit log is append-only in the database too: updates and deletes are refused by triggers.</summary>
[DbContext(typeof(SqlitePasserelleDb))]
[Migration("20261122100600_AuditAppendOnly")]
internal sealed class AuditAppendOnly : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_no_update;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_no_delete;");
    }
}
