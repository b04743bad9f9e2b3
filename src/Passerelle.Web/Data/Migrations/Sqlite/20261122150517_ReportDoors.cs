using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Passerelle.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportDoors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DutyContactEmail",
                table: "territories",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CallbackConsent",
                table: "reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CallerRelation",
                table: "reports",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MainWorry",
                table: "reports",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Organisation",
                table: "reports",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrganisationType",
                table: "reports",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetainUntil",
                table: "reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RoutedByCallerTerritory",
                table: "reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "duty_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_alerts_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "family_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ConsentRecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ContactedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ContactedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_family_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_family_referrals_territories_TerritoryCode",
                        column: x => x.TerritoryCode,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseHolder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "retention_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RanAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Deleted = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletedIds = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    RunBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retention_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sectarian_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Receipt = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GroupOrPractice = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SenderRelation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Criteria = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    RecommendedAssociationIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RetainUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sectarian_referrals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "support_associations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_associations", x => x.Id);
                });

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "01",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "02",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "03",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "04",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "05",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "06",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "07",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "08",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "09",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "10",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "11",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "12",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "13",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "14",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "15",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "16",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "17",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "18",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "19",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "21",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "22",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "23",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "24",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "25",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "26",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "27",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "28",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "29",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "2A",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "2B",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "30",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "31",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "32",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "33",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "34",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "35",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "36",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "37",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "38",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "39",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "40",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "41",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "42",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "43",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "44",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "45",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "46",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "47",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "48",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "49",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "50",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "51",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "52",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "53",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "54",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "55",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "56",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "57",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "58",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "59",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "60",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "61",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "62",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "63",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "64",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "65",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "66",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "67",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "68",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "69",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "70",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "71",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "72",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "73",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "74",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "75",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "76",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "77",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "78",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "79",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "80",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "81",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "82",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "83",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "84",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "85",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "86",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "87",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "88",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "89",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "90",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "91",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "92",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "93",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "94",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "95",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "971",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "972",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "973",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "974",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.UpdateData(
                table: "territories",
                keyColumn: "Code",
                keyValue: "976",
                column: "DutyContactEmail",
                value: null);

            migrationBuilder.CreateIndex(
                name: "IX_reports_RetainUntil",
                table: "reports",
                column: "RetainUntil");

            migrationBuilder.CreateIndex(
                name: "IX_duty_alerts_ReportId",
                table: "duty_alerts",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_duty_alerts_TerritoryCode_AcknowledgedAt",
                table: "duty_alerts",
                columns: new[] { "TerritoryCode", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_family_referrals_TerritoryCode_Status",
                table: "family_referrals",
                columns: new[] { "TerritoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_SentAt_CreatedAt",
                table: "outbox_messages",
                columns: new[] { "SentAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_retention_runs_RanAt",
                table: "retention_runs",
                column: "RanAt");

            migrationBuilder.CreateIndex(
                name: "IX_sectarian_referrals_Receipt",
                table: "sectarian_referrals",
                column: "Receipt",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sectarian_referrals_RetainUntil",
                table: "sectarian_referrals",
                column: "RetainUntil");

            migrationBuilder.CreateIndex(
                name: "IX_sectarian_referrals_Status_ReceivedAt",
                table: "sectarian_referrals",
                columns: new[] { "Status", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_alerts");

            migrationBuilder.DropTable(
                name: "family_referrals");

            migrationBuilder.DropTable(
                name: "job_leases");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "retention_runs");

            migrationBuilder.DropTable(
                name: "sectarian_referrals");

            migrationBuilder.DropTable(
                name: "support_associations");

            migrationBuilder.DropIndex(
                name: "IX_reports_RetainUntil",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "DutyContactEmail",
                table: "territories");

            migrationBuilder.DropColumn(
                name: "CallbackConsent",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "CallerRelation",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "MainWorry",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "Organisation",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "OrganisationType",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "RetainUntil",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "RoutedByCallerTerritory",
                table: "reports");
        }
    }
}
