using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Passerelle.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CareProgrammeEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    GivenName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Surname = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    Minor = table.Column<bool>(type: "boolean", nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ReferredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SettledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclineNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_referrals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "prison_releases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    GivenName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Surname = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    ReleaseOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Establishment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: true),
                    TakeoverNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SixMonthAlertAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ThreeMonthAlertAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prison_releases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "programme_sites",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    CoveredTerritories = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_sites", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "returning_minors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonLabel = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ReturnedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Guardianship = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Measure = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    MeasureDetail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    MeasureOrderedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HealthAssessment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HealthAssessmentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HealthSummary = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Schooling = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SchoolingDetail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    FamilySituation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MultiAgencyPlan = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReviewIntervalMonths = table.Column<int>(type: "integer", nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returning_minors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "care_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonLabel = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Minor = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConsentGivenBy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConsentGuardians = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ConsentRecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsentGivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ConsentWithdrawnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentWithdrawalNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PanelSummary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PanelSummaryAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RetainUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_plans_care_referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "care_referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "programme_participants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    GivenName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Surname = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReferringService = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReferredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReferralNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReleaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    EnrolledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpStartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    EndNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PanelSummary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PanelSummaryAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RetainUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_programme_participants_programme_sites_SiteCode",
                        column: x => x.SiteCode,
                        principalTable: "programme_sites",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "minor_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MinorId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Attendees = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_minor_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_minor_reviews_returning_minors_MinorId",
                        column: x => x.MinorId,
                        principalTable: "returning_minors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_family_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Involved = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_family_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_family_members_care_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "care_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_goals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SettledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_goals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_goals_care_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "care_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_interventions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_interventions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_interventions_care_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "care_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_progress_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Progress = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_progress_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_progress_reviews_care_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "care_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "care_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    InterventionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: true),
                    FamilyMemberIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_sessions_care_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "care_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "health_notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    MinorId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_health_notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_health_notes_care_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "care_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_health_notes_returning_minors_MinorId",
                        column: x => x.MinorId,
                        principalTable: "returning_minors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "court_obligations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_court_obligations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_court_obligations_programme_participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "programme_participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "programme_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SiteCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    OffenceDetail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_programme_events_programme_participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "programme_participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "programme_plan_components",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    TerritoryCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Provider = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_plan_components", x => x.Id);
                    table.ForeignKey(
                        name: "FK_programme_plan_components_programme_participants_Participan~",
                        column: x => x.ParticipantId,
                        principalTable: "programme_participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "programme_sites",
                columns: new[] { "Code", "Capacity", "City", "ContactEmail", "CoveredTerritories", "Name", "Status", "TerritoryCode", "Version" },
                values: new object[,]
                {
                    { "LIL", 30, "Lille", "programme-lille@demo.passerelle.fr", "02,08,10,51,52,54,55,57,59,60,62,67,68,80,88", "Site de Lille", "Open", "59", 0 },
                    { "LYS", 30, "Lyon", "programme-lyon@demo.passerelle.fr", "01,03,07,15,21,25,26,38,39,42,43,58,63,69,70,71,73,74,89,90", "Site de Lyon", "Open", "69", 0 },
                    { "MRS", 30, "Marseille", "programme-marseille@demo.passerelle.fr", "04,05,06,09,11,12,13,2A,2B,30,31,32,34,46,48,65,66,81,82,83,84", "Site de Marseille", "Open", "13", 0 },
                    { "NCE", 20, "Nice", null, "06", "Site de Nice", "Planned", "06", 0 },
                    { "PAR", 60, "Paris", "programme-paris@demo.passerelle.fr", "14,16,17,18,19,22,23,24,27,28,29,33,35,36,37,40,41,44,45,47,49,50,53,56,61,64,72,75,76,77,78,79,85,86,87,91,92,93,94,95,971,972,973,974,976", "Site de Paris", "Open", "75", 0 },
                    { "SXB", 20, "Strasbourg", null, "67,68", "Site de Strasbourg", "Planned", "67", 0 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_care_family_members_PlanId",
                table: "care_family_members",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_care_goals_PlanId",
                table: "care_goals",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_care_interventions_PlanId",
                table: "care_interventions",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_care_plans_CaseId",
                table: "care_plans",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_care_plans_ReferralId",
                table: "care_plans",
                column: "ReferralId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_care_plans_RetainUntil",
                table: "care_plans",
                column: "RetainUntil");

            migrationBuilder.CreateIndex(
                name: "IX_care_plans_TerritoryCode_Status",
                table: "care_plans",
                columns: new[] { "TerritoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_care_progress_reviews_PlanId",
                table: "care_progress_reviews",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_care_referrals_CaseId",
                table: "care_referrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_care_referrals_DecisionId",
                table: "care_referrals",
                column: "DecisionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_care_referrals_TerritoryCode_Status_ReferredAt",
                table: "care_referrals",
                columns: new[] { "TerritoryCode", "Status", "ReferredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_care_sessions_PlanId_At",
                table: "care_sessions",
                columns: new[] { "PlanId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_court_obligations_ParticipantId",
                table: "court_obligations",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_health_notes_MinorId_At",
                table: "health_notes",
                columns: new[] { "MinorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_health_notes_PlanId_At",
                table: "health_notes",
                columns: new[] { "PlanId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_minor_reviews_MinorId_HeldOn",
                table: "minor_reviews",
                columns: new[] { "MinorId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_prison_releases_Status_ReleaseOn",
                table: "prison_releases",
                columns: new[] { "Status", "ReleaseOn" });

            migrationBuilder.CreateIndex(
                name: "IX_prison_releases_TerritoryCode_ReleaseOn",
                table: "prison_releases",
                columns: new[] { "TerritoryCode", "ReleaseOn" });

            migrationBuilder.CreateIndex(
                name: "IX_programme_events_ParticipantId_OccurredOn",
                table: "programme_events",
                columns: new[] { "ParticipantId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_programme_participants_CaseId",
                table: "programme_participants",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_programme_participants_RetainUntil",
                table: "programme_participants",
                column: "RetainUntil");

            migrationBuilder.CreateIndex(
                name: "IX_programme_participants_SiteCode_EnrolledOn",
                table: "programme_participants",
                columns: new[] { "SiteCode", "EnrolledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_programme_participants_TerritoryCode_Status",
                table: "programme_participants",
                columns: new[] { "TerritoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_programme_plan_components_ParticipantId",
                table: "programme_plan_components",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_returning_minors_CaseId",
                table: "returning_minors",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_returning_minors_TerritoryCode_Status_NextReviewOn",
                table: "returning_minors",
                columns: new[] { "TerritoryCode", "Status", "NextReviewOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_family_members");

            migrationBuilder.DropTable(
                name: "care_goals");

            migrationBuilder.DropTable(
                name: "care_interventions");

            migrationBuilder.DropTable(
                name: "care_progress_reviews");

            migrationBuilder.DropTable(
                name: "care_sessions");

            migrationBuilder.DropTable(
                name: "court_obligations");

            migrationBuilder.DropTable(
                name: "health_notes");

            migrationBuilder.DropTable(
                name: "minor_reviews");

            migrationBuilder.DropTable(
                name: "prison_releases");

            migrationBuilder.DropTable(
                name: "programme_events");

            migrationBuilder.DropTable(
                name: "programme_plan_components");

            migrationBuilder.DropTable(
                name: "care_plans");

            migrationBuilder.DropTable(
                name: "returning_minors");

            migrationBuilder.DropTable(
                name: "programme_participants");

            migrationBuilder.DropTable(
                name: "care_referrals");

            migrationBuilder.DropTable(
                name: "programme_sites");
        }
    }
}
