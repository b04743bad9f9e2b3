using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Passerelle.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MatchKeyCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_person_match_keys_Key",
                table: "person_match_keys");

            migrationBuilder.CreateIndex(
                name: "IX_person_match_keys_Key_PersonId",
                table: "person_match_keys",
                columns: new[] { "Key", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_person_match_keys_Key_PersonId",
                table: "person_match_keys");

            migrationBuilder.CreateIndex(
                name: "IX_person_match_keys_Key",
                table: "person_match_keys",
                column: "Key");
        }
    }
}
