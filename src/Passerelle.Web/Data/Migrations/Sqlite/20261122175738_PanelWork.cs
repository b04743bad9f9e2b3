using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Passerelle.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PanelWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FollowingService",
                table: "cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastDecisionType",
                table: "cases",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextReviewOn",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetainUntil",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferTo",
                table: "cases",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AssessmentId",
                table: "case_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CampaignId",
                table: "case_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DecisionId",
                table: "case_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "case_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TransferId",
                table: "case_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "assessment_grids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Edition = table.Column<int>(type: "INTEGER", nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_grids", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_transfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromTerritory = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ToTerritory = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonLabel = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SettledById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SettledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_transfers_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_case_transfers_territories_FromTerritory",
                        column: x => x.FromTerritory,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_case_transfers_territories_ToTerritory",
                        column: x => x.ToTerritory,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "panel_digests",
                columns: table => new
                {
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OverdueCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panel_digests", x => new { x.TerritoryCode, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "panel_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MinutesNotes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ValidatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ValidatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panel_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_panel_meetings_territories_TerritoryCode",
                        column: x => x.TerritoryCode,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "panel_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Function = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panel_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_panel_members_territories_TerritoryCode",
                        column: x => x.TerritoryCode,
                        principalTable: "territories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Instructions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    ScopeStatuses = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_grid_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DomainCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DomainFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DomainEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LabelFr = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    GuidanceFr = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    GuidanceEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_grid_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assessment_grid_items_assessment_grids_GridId",
                        column: x => x.GridId,
                        principalTable: "assessment_grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AssessorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assessments_assessment_grids_GridId",
                        column: x => x.GridId,
                        principalTable: "assessment_grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_assessments_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TransferId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AddedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_items_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_agenda_items_panel_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "panel_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "minutes_corrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_minutes_corrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_minutes_corrections_panel_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "panel_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "panel_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgendaItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    FollowingService = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosureReason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ClosureReasonDetail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TransferTo = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProposedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApprovedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovalNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CorrectsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Locked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panel_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_panel_decisions_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_panel_decisions_panel_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "panel_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meeting_attendance",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Present = table.Column<bool>(type: "INTEGER", nullable: false),
                    Function = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MemberName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_attendance", x => new { x.MeetingId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_meeting_attendance_panel_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "panel_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meeting_attendance_panel_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "panel_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meeting_follow_ups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OwnerMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meeting_follow_ups_panel_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "panel_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meeting_follow_ups_panel_members_OwnerMemberId",
                        column: x => x.OwnerMemberId,
                        principalTable: "panel_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "campaign_cases",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_cases", x => new { x.CampaignId, x.CaseId });
                    table.ForeignKey(
                        name: "FK_campaign_cases_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_campaign_cases_review_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "review_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_ratings",
                columns: table => new
                {
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TerritoryCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_ratings", x => new { x.AssessmentId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_assessment_ratings_assessment_grid_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "assessment_grid_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_assessment_ratings_assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_RetainUntil",
                table: "cases",
                column: "RetainUntil");

            migrationBuilder.CreateIndex(
                name: "IX_cases_TerritoryCode_NextReviewOn",
                table: "cases",
                columns: new[] { "TerritoryCode", "NextReviewOn" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_items_CaseId",
                table: "agenda_items",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_items_MeetingId_Position",
                table: "agenda_items",
                columns: new[] { "MeetingId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_grid_items_GridId_Code",
                table: "assessment_grid_items",
                columns: new[] { "GridId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_grids_Code_Edition",
                table: "assessment_grids",
                columns: new[] { "Code", "Edition" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_ratings_ItemId",
                table: "assessment_ratings",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_assessments_CaseId_RequestedAt",
                table: "assessments",
                columns: new[] { "CaseId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_GridId",
                table: "assessments",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_assessments_TerritoryCode_Status",
                table: "assessments",
                columns: new[] { "TerritoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_campaign_cases_CampaignId_TerritoryCode_ReviewedAt",
                table: "campaign_cases",
                columns: new[] { "CampaignId", "TerritoryCode", "ReviewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_campaign_cases_CaseId",
                table: "campaign_cases",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_transfers_CaseId",
                table: "case_transfers",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_transfers_FromTerritory_Status",
                table: "case_transfers",
                columns: new[] { "FromTerritory", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_case_transfers_ToTerritory_Status",
                table: "case_transfers",
                columns: new[] { "ToTerritory", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_meeting_attendance_MemberId",
                table: "meeting_attendance",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_follow_ups_MeetingId",
                table: "meeting_follow_ups",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_follow_ups_OwnerMemberId",
                table: "meeting_follow_ups",
                column: "OwnerMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_follow_ups_TerritoryCode_DoneAt_DueOn",
                table: "meeting_follow_ups",
                columns: new[] { "TerritoryCode", "DoneAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_minutes_corrections_MeetingId",
                table: "minutes_corrections",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_panel_decisions_CaseId_DecidedAt",
                table: "panel_decisions",
                columns: new[] { "CaseId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_panel_decisions_MeetingId",
                table: "panel_decisions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_panel_decisions_TerritoryCode_Status",
                table: "panel_decisions",
                columns: new[] { "TerritoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_panel_meetings_TerritoryCode_ScheduledAt",
                table: "panel_meetings",
                columns: new[] { "TerritoryCode", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_panel_members_TerritoryCode_Active",
                table: "panel_members",
                columns: new[] { "TerritoryCode", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_review_campaigns_CreatedAt",
                table: "review_campaigns",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agenda_items");

            migrationBuilder.DropTable(
                name: "assessment_ratings");

            migrationBuilder.DropTable(
                name: "campaign_cases");

            migrationBuilder.DropTable(
                name: "case_transfers");

            migrationBuilder.DropTable(
                name: "meeting_attendance");

            migrationBuilder.DropTable(
                name: "meeting_follow_ups");

            migrationBuilder.DropTable(
                name: "minutes_corrections");

            migrationBuilder.DropTable(
                name: "panel_decisions");

            migrationBuilder.DropTable(
                name: "panel_digests");

            migrationBuilder.DropTable(
                name: "assessment_grid_items");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "review_campaigns");

            migrationBuilder.DropTable(
                name: "panel_members");

            migrationBuilder.DropTable(
                name: "panel_meetings");

            migrationBuilder.DropTable(
                name: "assessment_grids");

            migrationBuilder.DropIndex(
                name: "IX_cases_RetainUntil",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_TerritoryCode_NextReviewOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "FollowingService",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "LastDecisionType",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "NextReviewOn",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "RetainUntil",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "TransferTo",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "AssessmentId",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "DecisionId",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "TransferId",
                table: "case_events");
        }
    }
}
