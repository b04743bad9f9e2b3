using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Passerelle.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MergesAndCoordination : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "persons",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "coordination_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromTerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ToTerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RequestedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GivenName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Surname = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    BirthMonth = table.Column<int>(type: "integer", nullable: true),
                    BirthDay = table.Column<int>(type: "integer", nullable: true),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MatchedPersonIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coordination_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_coordination_requests_territories_FromTerritoryCode",
                        column: x => x.FromTerritoryCode,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_coordination_requests_territories_ToTerritoryCode",
                        column: x => x.ToTerritoryCode,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    MergedTerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SurvivorId = table.Column<Guid>(type: "uuid", nullable: false),
                    MergedId = table.Column<Guid>(type: "uuid", nullable: false),
                    MovedCaseIds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    MovedReportIds = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Probability = table.Column<double>(type: "double precision", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MergedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MergedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UndoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UndoneById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UndoReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_merges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_person_merges_persons_MergedId",
                        column: x => x.MergedId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_person_merges_persons_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_persons_MergedIntoId",
                table: "persons",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_coordination_requests_FromTerritoryCode_RequestedAt",
                table: "coordination_requests",
                columns: new[] { "FromTerritoryCode", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_coordination_requests_ToTerritoryCode_Status",
                table: "coordination_requests",
                columns: new[] { "ToTerritoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_person_merges_MergedId",
                table: "person_merges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_person_merges_SurvivorId",
                table: "person_merges",
                column: "SurvivorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coordination_requests");

            migrationBuilder.DropTable(
                name: "person_merges");

            migrationBuilder.DropIndex(
                name: "IX_persons_MergedIntoId",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "persons");
        }
    }
}
