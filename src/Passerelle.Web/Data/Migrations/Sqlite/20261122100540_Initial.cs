using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Passerelle.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Territories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Territory = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ObjectType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    PrevHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ResponseBody = table.Column<string>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => new { x.UserId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "territories",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territories", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Surname = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: true),
                    BirthMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    BirthDay = table.Column<int>(type: "INTEGER", nullable: true),
                    PlaceOfBirth = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    Sex = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    SearchKey = table.Column<string>(type: "TEXT", maxLength: 508, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_persons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_persons_territories_TerritoryCode",
                        column: x => x.TerritoryCode,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cases_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_events_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Receipt = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    ReporterName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReporterContact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReportedGivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReportedSurname = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReportedAliases = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReportedBirthYear = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportedBirthMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportedBirthDay = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportedPlaceOfBirth = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    ReportedSex = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Behaviours = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reports_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reports_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reports_territories_TerritoryCode",
                        column: x => x.TerritoryCode,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "territories",
                columns: new[] { "Code", "Name", "Region" },
                values: new object[,]
                {
                    { "01", "Ain", "Auvergne-Rhône-Alpes" },
                    { "02", "Aisne", "Hauts-de-France" },
                    { "03", "Allier", "Auvergne-Rhône-Alpes" },
                    { "04", "Alpes-de-Haute-Provence", "Provence-Alpes-Côte d'Azur" },
                    { "05", "Hautes-Alpes", "Provence-Alpes-Côte d'Azur" },
                    { "06", "Alpes-Maritimes", "Provence-Alpes-Côte d'Azur" },
                    { "07", "Ardèche", "Auvergne-Rhône-Alpes" },
                    { "08", "Ardennes", "Grand Est" },
                    { "09", "Ariège", "Occitanie" },
                    { "10", "Aube", "Grand Est" },
                    { "11", "Aude", "Occitanie" },
                    { "12", "Aveyron", "Occitanie" },
                    { "13", "Bouches-du-Rhône", "Provence-Alpes-Côte d'Azur" },
                    { "14", "Calvados", "Normandie" },
                    { "15", "Cantal", "Auvergne-Rhône-Alpes" },
                    { "16", "Charente", "Nouvelle-Aquitaine" },
                    { "17", "Charente-Maritime", "Nouvelle-Aquitaine" },
                    { "18", "Cher", "Centre-Val de Loire" },
                    { "19", "Corrèze", "Nouvelle-Aquitaine" },
                    { "21", "Côte-d'Or", "Bourgogne-Franche-Comté" },
                    { "22", "Côtes-d'Armor", "Bretagne" },
                    { "23", "Creuse", "Nouvelle-Aquitaine" },
                    { "24", "Dordogne", "Nouvelle-Aquitaine" },
                    { "25", "Doubs", "Bourgogne-Franche-Comté" },
                    { "26", "Drôme", "Auvergne-Rhône-Alpes" },
                    { "27", "Eure", "Normandie" },
                    { "28", "Eure-et-Loir", "Centre-Val de Loire" },
                    { "29", "Finistère", "Bretagne" },
                    { "2A", "Corse-du-Sud", "Corse" },
                    { "2B", "Haute-Corse", "Corse" },
                    { "30", "Gard", "Occitanie" },
                    { "31", "Haute-Garonne", "Occitanie" },
                    { "32", "Gers", "Occitanie" },
                    { "33", "Gironde", "Nouvelle-Aquitaine" },
                    { "34", "Hérault", "Occitanie" },
                    { "35", "Ille-et-Vilaine", "Bretagne" },
                    { "36", "Indre", "Centre-Val de Loire" },
                    { "37", "Indre-et-Loire", "Centre-Val de Loire" },
                    { "38", "Isère", "Auvergne-Rhône-Alpes" },
                    { "39", "Jura", "Bourgogne-Franche-Comté" },
                    { "40", "Landes", "Nouvelle-Aquitaine" },
                    { "41", "Loir-et-Cher", "Centre-Val de Loire" },
                    { "42", "Loire", "Auvergne-Rhône-Alpes" },
                    { "43", "Haute-Loire", "Auvergne-Rhône-Alpes" },
                    { "44", "Loire-Atlantique", "Pays de la Loire" },
                    { "45", "Loiret", "Centre-Val de Loire" },
                    { "46", "Lot", "Occitanie" },
                    { "47", "Lot-et-Garonne", "Nouvelle-Aquitaine" },
                    { "48", "Lozère", "Occitanie" },
                    { "49", "Maine-et-Loire", "Pays de la Loire" },
                    { "50", "Manche", "Normandie" },
                    { "51", "Marne", "Grand Est" },
                    { "52", "Haute-Marne", "Grand Est" },
                    { "53", "Mayenne", "Pays de la Loire" },
                    { "54", "Meurthe-et-Moselle", "Grand Est" },
                    { "55", "Meuse", "Grand Est" },
                    { "56", "Morbihan", "Bretagne" },
                    { "57", "Moselle", "Grand Est" },
                    { "58", "Nièvre", "Bourgogne-Franche-Comté" },
                    { "59", "Nord", "Hauts-de-France" },
                    { "60", "Oise", "Hauts-de-France" },
                    { "61", "Orne", "Normandie" },
                    { "62", "Pas-de-Calais", "Hauts-de-France" },
                    { "63", "Puy-de-Dôme", "Auvergne-Rhône-Alpes" },
                    { "64", "Pyrénées-Atlantiques", "Nouvelle-Aquitaine" },
                    { "65", "Hautes-Pyrénées", "Occitanie" },
                    { "66", "Pyrénées-Orientales", "Occitanie" },
                    { "67", "Bas-Rhin", "Grand Est" },
                    { "68", "Haut-Rhin", "Grand Est" },
                    { "69", "Rhône", "Auvergne-Rhône-Alpes" },
                    { "70", "Haute-Saône", "Bourgogne-Franche-Comté" },
                    { "71", "Saône-et-Loire", "Bourgogne-Franche-Comté" },
                    { "72", "Sarthe", "Pays de la Loire" },
                    { "73", "Savoie", "Auvergne-Rhône-Alpes" },
                    { "74", "Haute-Savoie", "Auvergne-Rhône-Alpes" },
                    { "75", "Paris", "Île-de-France" },
                    { "76", "Seine-Maritime", "Normandie" },
                    { "77", "Seine-et-Marne", "Île-de-France" },
                    { "78", "Yvelines", "Île-de-France" },
                    { "79", "Deux-Sèvres", "Nouvelle-Aquitaine" },
                    { "80", "Somme", "Hauts-de-France" },
                    { "81", "Tarn", "Occitanie" },
                    { "82", "Tarn-et-Garonne", "Occitanie" },
                    { "83", "Var", "Provence-Alpes-Côte d'Azur" },
                    { "84", "Vaucluse", "Provence-Alpes-Côte d'Azur" },
                    { "85", "Vendée", "Pays de la Loire" },
                    { "86", "Vienne", "Nouvelle-Aquitaine" },
                    { "87", "Haute-Vienne", "Nouvelle-Aquitaine" },
                    { "88", "Vosges", "Grand Est" },
                    { "89", "Yonne", "Bourgogne-Franche-Comté" },
                    { "90", "Territoire de Belfort", "Bourgogne-Franche-Comté" },
                    { "91", "Essonne", "Île-de-France" },
                    { "92", "Hauts-de-Seine", "Île-de-France" },
                    { "93", "Seine-Saint-Denis", "Île-de-France" },
                    { "94", "Val-de-Marne", "Île-de-France" },
                    { "95", "Val-d'Oise", "Île-de-France" },
                    { "971", "Guadeloupe", "Guadeloupe" },
                    { "972", "Martinique", "Martinique" },
                    { "973", "Guyane", "Guyane" },
                    { "974", "La Réunion", "La Réunion" },
                    { "976", "Mayotte", "Mayotte" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_tokens_Hash",
                table: "access_tokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_access_tokens_UserId",
                table: "access_tokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_ObjectType_ObjectId",
                table: "audit_events",
                columns: new[] { "ObjectType", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Seq",
                table: "audit_events",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_events_CaseId_At",
                table: "case_events",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_PersonId",
                table: "cases",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_TerritoryCode_Status",
                table: "cases",
                columns: new[] { "TerritoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_TerritoryCode_Surname",
                table: "persons",
                columns: new[] { "TerritoryCode", "Surname" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_CaseId",
                table: "reports",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_reports_PersonId",
                table: "reports",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_reports_Receipt",
                table: "reports",
                column: "Receipt",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_RecordedById_ReceivedAt",
                table: "reports",
                columns: new[] { "RecordedById", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_TerritoryCode",
                table: "reports",
                column: "TerritoryCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_tokens");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "persons");

            migrationBuilder.DropTable(
                name: "territories");
        }
    }
}
