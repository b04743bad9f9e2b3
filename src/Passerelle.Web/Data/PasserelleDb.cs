using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Security;

namespace Passerelle.Web.Data;

/// <summary>
/// The one DbContext. Territory and compartment rules are global query filters that read the
/// current actor's <see cref="AccessScope"/>, so every query on personal data is narrowed in SQL.
/// Provider-specific subclasses (<see cref="SqlitePasserelleDb"/>, <see cref="PostgresPasserelleDb"/>)
/// exist only so each provider keeps its own migrations.
/// </summary>
internal abstract class PasserelleDb(DbContextOptions options, CurrentActor actor, TimeProvider clock)
    : IdentityUserContext<AppUser>(options)
{
    public DbSet<Territory> Territories => Set<Territory>();

    public DbSet<Person> Persons => Set<Person>();

    public DbSet<PersonMatchKey> PersonMatchKeys => Set<PersonMatchKey>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();

    public DbSet<PersonMerge> PersonMerges => Set<PersonMerge>();

    public DbSet<CoordinationRequest> CoordinationRequests => Set<CoordinationRequest>();

    public DbSet<SectarianReferral> SectarianReferrals => Set<SectarianReferral>();

    public DbSet<SupportAssociation> SupportAssociations => Set<SupportAssociation>();

    public DbSet<DutyAlert> DutyAlerts => Set<DutyAlert>();

    public DbSet<FamilyReferral> FamilyReferrals => Set<FamilyReferral>();

    public DbSet<PanelMember> PanelMembers => Set<PanelMember>();

    public DbSet<PanelMeeting> PanelMeetings => Set<PanelMeeting>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<MeetingAttendance> MeetingAttendance => Set<MeetingAttendance>();

    public DbSet<MeetingFollowUp> MeetingFollowUps => Set<MeetingFollowUp>();

    public DbSet<MinutesCorrection> MinutesCorrections => Set<MinutesCorrection>();

    public DbSet<PanelDecision> PanelDecisions => Set<PanelDecision>();

    public DbSet<CaseTransfer> CaseTransfers => Set<CaseTransfer>();

    public DbSet<AssessmentGrid> AssessmentGrids => Set<AssessmentGrid>();

    public DbSet<AssessmentGridItem> AssessmentGridItems => Set<AssessmentGridItem>();

    public DbSet<Assessment> Assessments => Set<Assessment>();

    public DbSet<AssessmentRating> AssessmentRatings => Set<AssessmentRating>();

    public DbSet<ReviewCampaign> ReviewCampaigns => Set<ReviewCampaign>();

    public DbSet<CampaignCase> CampaignCases => Set<CampaignCase>();

    public DbSet<PanelDigest> PanelDigests => Set<PanelDigest>();

    public DbSet<CareReferral> CareReferrals => Set<CareReferral>();

    public DbSet<CarePlan> CarePlans => Set<CarePlan>();

    public DbSet<CareGoal> CareGoals => Set<CareGoal>();

    public DbSet<CareIntervention> CareInterventions => Set<CareIntervention>();

    public DbSet<CareSession> CareSessions => Set<CareSession>();

    public DbSet<CareFamilyMember> CareFamilyMembers => Set<CareFamilyMember>();

    public DbSet<CareProgressReview> CareProgressReviews => Set<CareProgressReview>();

    public DbSet<HealthNote> HealthNotes => Set<HealthNote>();

    public DbSet<ReturningMinor> ReturningMinors => Set<ReturningMinor>();

    public DbSet<MinorReview> MinorReviews => Set<MinorReview>();

    public DbSet<ProgrammeSite> ProgrammeSites => Set<ProgrammeSite>();

    public DbSet<ProgrammeParticipant> ProgrammeParticipants => Set<ProgrammeParticipant>();

    public DbSet<CourtObligation> CourtObligations => Set<CourtObligation>();

    public DbSet<PlanComponent> PlanComponents => Set<PlanComponent>();

    public DbSet<ParticipantEvent> ParticipantEvents => Set<ParticipantEvent>();

    public DbSet<PrisonRelease> PrisonReleases => Set<PrisonRelease>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<MatchIndexState> MatchIndexStates => Set<MatchIndexState>();

    public DbSet<RetentionRun> RetentionRuns => Set<RetentionRun>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Read by the query filters at each query execution (EF parameterises context members).
    private bool RegisterReadable => actor.Scope.Can(Permissions.RegisterRead);

    private bool RegisterNational => actor.Scope.National;

    private string[] RegisterTerritories => [.. actor.Scope.Territories];

    private string? OwnReportsUserId => actor.Scope.Can(Permissions.ReportsReadOwn) ? actor.Scope.UserId : null;

    private bool SectarianReadable => actor.Scope.Can(Permissions.SectarianManage);

    private bool FamilyReferralsReadable => actor.Scope.Can(Permissions.FamilyReferralsRead);

    private bool PanelMembersReadable => actor.Scope.Can(Permissions.PanelRead) || actor.Scope.Can(Permissions.PanelMembersManage);

    private bool AssessmentsReadable => actor.Scope.Can(Permissions.AssessmentsWrite);

    private bool CampaignsReadable => actor.Scope.Can(Permissions.PanelRead) || actor.Scope.Can(Permissions.CampaignsNational);

    private bool CareReadable => actor.Scope.Can(Permissions.CareRead);

    private bool HealthNotesReadable => actor.Scope.Can(Permissions.HealthNotes);

    private bool ProgrammeReadable => actor.Scope.Can(Permissions.ProgrammeRead);

    private DateTime OwnReportsSince => clock.GetUtcNow().UtcDateTime - AccessScope.OwnReportsWindow;

    /// <summary>Takes the lock that serialises appends to the audit chain, inside the current transaction.</summary>
    protected abstract Task LockAuditChainAsync(CancellationToken ct);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.Role).HasMaxLength(32);
            u.Property(x => x.Territories).HasMaxLength(1000);
        });

        builder.Entity<Territory>(t =>
        {
            t.ToTable("territories");
            t.HasKey(x => x.Code);
            t.Property(x => x.Code).HasMaxLength(3);
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.Region).HasMaxLength(100);
            t.Property(x => x.DutyContactEmail).HasMaxLength(Limits.Contact);
            t.HasData(Departements.All);
        });

        builder.Entity<Person>(p =>
        {
            p.Property(x => x.Id).ValueGeneratedNever(); // ids are Guid v7 made by the app; new children found in navigations are inserted
            p.ToTable("persons");
            p.Property(x => x.TerritoryCode).HasMaxLength(3);
            p.Property(x => x.GivenName).HasMaxLength(Limits.Name);
            p.Property(x => x.Surname).HasMaxLength(Limits.Name);
            p.Property(x => x.Aliases).HasMaxLength(Limits.Aliases);
            p.Property(x => x.PlaceOfBirth).HasMaxLength(Limits.Place);
            p.Property(x => x.Address).HasMaxLength(Limits.Address);
            p.Property(x => x.CreatedById).HasMaxLength(64);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Property(x => x.SearchKey).HasMaxLength(Limits.Name * 2 + Limits.Aliases + 8);
            p.Ignore(x => x.DateOfBirth);
            p.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryCode).OnDelete(DeleteBehavior.Restrict);
            p.HasMany(x => x.Cases).WithOne(x => x.Person).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            p.HasIndex(x => new { x.TerritoryCode, x.Surname });
            p.HasIndex(x => x.MergedIntoId);
            p.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<PersonMatchKey>(k =>
        {
            k.ToTable("person_match_keys");
            k.HasKey(x => new { x.PersonId, x.Key });
            k.Property(x => x.Key).HasMaxLength(PersonMatchKey.MaxKeyLength);
            // (Key, PersonId): the candidate lookup (WHERE key IN … GROUP BY person) is an index-only scan.
            k.HasIndex(x => new { x.Key, x.PersonId });
            k.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Report>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever(); // ids are Guid v7 made by the app; new children found in navigations are inserted
            r.ToTable("reports");
            r.Property(x => x.Receipt).HasMaxLength(20);
            r.HasIndex(x => x.Receipt).IsUnique();
            r.Property(x => x.TerritoryCode).HasMaxLength(3);
            r.Property(x => x.ReporterName).HasMaxLength(Limits.Name);
            r.Property(x => x.ReporterContact).HasMaxLength(Limits.Contact);
            r.Property(x => x.ReportedGivenName).HasMaxLength(Limits.Name);
            r.Property(x => x.ReportedSurname).HasMaxLength(Limits.Name);
            r.Property(x => x.ReportedAliases).HasMaxLength(Limits.Aliases);
            r.Property(x => x.ReportedPlaceOfBirth).HasMaxLength(Limits.Place);
            r.Property(x => x.ReportedAddress).HasMaxLength(Limits.Address);
            r.Property(x => x.Behaviours).HasMaxLength(500);
            r.Property(x => x.Narrative).HasMaxLength(Limits.Narrative);
            r.Property(x => x.RecordedById).HasMaxLength(64);
            r.Ignore(x => x.ReportedDateOfBirth);
            r.Ignore(x => x.BehaviourCodes);
            r.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryCode).OnDelete(DeleteBehavior.Restrict);
            r.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex(x => new { x.RecordedById, x.ReceivedAt });
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.TakenInChargeById).HasMaxLength(64);
            r.Property(x => x.ClosedById).HasMaxLength(64);
            r.Property(x => x.ClosedReason).HasMaxLength(Report.MaxClosingReasonLength);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.Property(x => x.CallerRelation).HasMaxLength(32);
            r.Property(x => x.DangerSigns).HasMaxLength(100);
            r.Property(x => x.MainWorry).HasMaxLength(Limits.Worry);
            r.Property(x => x.Organisation).HasMaxLength(Limits.Organisation);
            r.Property(x => x.OrganisationType).HasMaxLength(32);
            r.HasIndex(x => new { x.TerritoryCode, x.Status, x.ReceivedAt });
            r.HasIndex(x => x.RetainUntil);
            // National statistics select a period of reception across every département.
            r.HasIndex(x => x.ReceivedAt);
            r.HasQueryFilter(x =>
                (RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)))
                || (OwnReportsUserId != null && x.RecordedById == OwnReportsUserId && x.ReceivedAt >= OwnReportsSince));
        });

        builder.Entity<Case>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever(); // ids are Guid v7 made by the app; new children found in navigations are inserted
            c.ToTable("cases");
            c.Property(x => x.TerritoryCode).HasMaxLength(3);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.IsOpen);
            c.Ignore(x => x.IsInTransfer);
            c.Ignore(x => x.NextStatuses);
            c.Property(x => x.FollowingService).HasMaxLength(PanelDecision.MaxServiceLength);
            c.Property(x => x.LastDecisionType).HasConversion<string>().HasMaxLength(24);
            c.Property(x => x.TransferTo).HasMaxLength(3);
            c.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => new { x.TerritoryCode, x.Status });
            // The panel's due and overdue reviews.
            c.HasIndex(x => new { x.TerritoryCode, x.NextReviewOn });
            c.HasIndex(x => x.RetainUntil);
            c.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CaseEvent>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever(); // ids are Guid v7 made by the app; new children found in navigations are inserted
            e.ToTable("case_events");
            e.Property(x => x.TerritoryCode).HasMaxLength(3);
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(PanelDecision.MaxRationaleLength);
            e.Property(x => x.Detail).HasMaxLength(64);
            e.HasIndex(x => new { x.CaseId, x.At });
            e.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<PersonMerge>(m =>
        {
            m.Property(x => x.Id).ValueGeneratedNever();
            m.ToTable("person_merges");
            m.Property(x => x.TerritoryCode).HasMaxLength(3);
            m.Property(x => x.MergedTerritoryCode).HasMaxLength(3);
            m.Property(x => x.MovedCaseIds).HasMaxLength(20_000);
            m.Property(x => x.MovedReportIds).HasMaxLength(20_000);
            m.Property(x => x.Reason).HasMaxLength(PersonMerge.MaxReasonLength);
            m.Property(x => x.UndoReason).HasMaxLength(PersonMerge.MaxReasonLength);
            m.Property(x => x.MergedById).HasMaxLength(64);
            m.Property(x => x.UndoneById).HasMaxLength(64);
            m.Property(x => x.Version).IsConcurrencyToken();
            m.Ignore(x => x.IsActive);
            m.HasOne<Person>().WithMany().HasForeignKey(x => x.SurvivorId).OnDelete(DeleteBehavior.Restrict);
            m.HasOne<Person>().WithMany().HasForeignKey(x => x.MergedId).OnDelete(DeleteBehavior.Restrict);
            m.HasIndex(x => x.SurvivorId);
            m.HasIndex(x => x.MergedId);
            // Both persons must be readable: a steward covering only one side sees nothing of the merge.
            m.HasQueryFilter(x => RegisterReadable && (RegisterNational
                || (RegisterTerritories.Contains(x.TerritoryCode) && RegisterTerritories.Contains(x.MergedTerritoryCode))));
        });

        builder.Entity<CoordinationRequest>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.ToTable("coordination_requests");
            c.Property(x => x.FromTerritoryCode).HasMaxLength(3);
            c.Property(x => x.ToTerritoryCode).HasMaxLength(3);
            c.Property(x => x.RequestedById).HasMaxLength(64);
            c.Property(x => x.GivenName).HasMaxLength(Limits.Name);
            c.Property(x => x.Surname).HasMaxLength(Limits.Name);
            c.Property(x => x.Message).HasMaxLength(CoordinationRequest.MaxMessageLength);
            c.Property(x => x.Answer).HasMaxLength(CoordinationRequest.MaxMessageLength);
            c.Property(x => x.AnsweredById).HasMaxLength(64);
            c.Property(x => x.MatchedPersonIds).HasMaxLength(2000);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.DateOfBirth);
            c.HasOne<Territory>().WithMany().HasForeignKey(x => x.FromTerritoryCode).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<Territory>().WithMany().HasForeignKey(x => x.ToTerritoryCode).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => new { x.ToTerritoryCode, x.Status });
            c.HasIndex(x => new { x.FromTerritoryCode, x.RequestedAt });
            // Sender and receiver panels both see the request (its own description and the answer).
            c.HasQueryFilter(x => RegisterReadable && (RegisterNational
                || RegisterTerritories.Contains(x.FromTerritoryCode) || RegisterTerritories.Contains(x.ToTerritoryCode)));
        });

        builder.Entity<SectarianReferral>(m =>
        {
            m.Property(x => x.Id).ValueGeneratedNever();
            m.ToTable("sectarian_referrals");
            m.Property(x => x.Receipt).HasMaxLength(20);
            m.HasIndex(x => x.Receipt).IsUnique();
            m.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.GroupOrPractice).HasMaxLength(SectarianReferral.MaxGroupLength);
            m.Property(x => x.SenderRelation).HasMaxLength(32);
            m.Property(x => x.Criteria).HasMaxLength(500);
            m.Property(x => x.Narrative).HasMaxLength(SectarianReferral.MaxTextLength);
            m.Property(x => x.ContactName).HasMaxLength(Limits.Name);
            m.Property(x => x.ContactEmail).HasMaxLength(Limits.Contact);
            m.Property(x => x.ContactPhone).HasMaxLength(40);
            m.Property(x => x.Region).HasMaxLength(100);
            m.Property(x => x.Domain).HasMaxLength(32);
            m.Property(x => x.Answer).HasMaxLength(SectarianReferral.MaxAnswerLength);
            m.Property(x => x.ClosedReason).HasMaxLength(SectarianReferral.MaxAnswerLength);
            m.Property(x => x.RecommendedAssociationIds).HasMaxLength(2000);
            m.Property(x => x.AnsweredById).HasMaxLength(64);
            m.Property(x => x.Version).IsConcurrencyToken();
            m.Ignore(x => x.CriteriaCodes);
            m.HasIndex(x => new { x.Status, x.ReceivedAt });
            m.HasIndex(x => x.RetainUntil);
            // Compartment "sectarian referrals": the Miviludes analysts only, nationally.
            m.HasQueryFilter(x => SectarianReadable);
        });

        builder.Entity<SupportAssociation>(a =>
        {
            a.Property(x => x.Id).ValueGeneratedNever();
            a.ToTable("support_associations");
            a.Property(x => x.Name).HasMaxLength(SupportAssociation.MaxNameLength);
            a.Property(x => x.Region).HasMaxLength(100);
            a.Property(x => x.Contact).HasMaxLength(SupportAssociation.MaxContactLength);
            a.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<DutyAlert>(d =>
        {
            d.Property(x => x.Id).ValueGeneratedNever();
            d.ToTable("duty_alerts");
            d.Property(x => x.TerritoryCode).HasMaxLength(3);
            d.Property(x => x.AcknowledgedById).HasMaxLength(64);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.HasOne<Report>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
            d.HasIndex(x => new { x.TerritoryCode, x.AcknowledgedAt });
            d.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<FamilyReferral>(f =>
        {
            f.Property(x => x.Id).ValueGeneratedNever();
            f.ToTable("family_referrals");
            f.Property(x => x.TerritoryCode).HasMaxLength(3);
            f.Property(x => x.ContactName).HasMaxLength(Limits.Name);
            f.Property(x => x.Contact).HasMaxLength(Limits.Contact);
            f.Property(x => x.Relation).HasMaxLength(32);
            f.Property(x => x.RecordedById).HasMaxLength(64);
            f.Property(x => x.ContactedById).HasMaxLength(64);
            f.Property(x => x.Note).HasMaxLength(FamilyReferral.MaxNoteLength);
            f.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.Version).IsConcurrencyToken();
            f.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryCode).OnDelete(DeleteBehavior.Restrict);
            f.HasIndex(x => new { x.TerritoryCode, x.Status });
            // Compartment "care": the family-support unit of the département.
            f.HasQueryFilter(x => FamilyReferralsReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        ConfigurePanel(builder);
        ConfigureCare(builder);
        ConfigureProgramme(builder);

        builder.Entity<OutboxMessage>(o =>
        {
            o.Property(x => x.Id).ValueGeneratedNever();
            o.ToTable("outbox_messages");
            o.Property(x => x.To).HasMaxLength(Limits.Contact);
            o.Property(x => x.Subject).HasMaxLength(300);
            o.Property(x => x.Body).HasMaxLength(OutboxMessage.MaxBodyLength);
            o.Property(x => x.Kind).HasMaxLength(32);
            o.Property(x => x.LastError).HasMaxLength(2000);
            o.Property(x => x.LeaseHolder).HasMaxLength(100);
            o.HasIndex(x => new { x.SentAt, x.CreatedAt });
        });

        builder.Entity<MatchIndexState>(m =>
        {
            m.ToTable("match_index_state");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedNever();
            m.Property(x => x.Scheme).HasMaxLength(64);
        });

        builder.Entity<JobLease>(j =>
        {
            j.ToTable("job_leases");
            j.HasKey(x => x.Name);
            j.Property(x => x.Name).HasMaxLength(64);
            j.Property(x => x.Holder).HasMaxLength(100);
        });

        builder.Entity<RetentionRun>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.ToTable("retention_runs");
            r.Property(x => x.Rule).HasMaxLength(64);
            r.Property(x => x.DeletedIds).HasMaxLength(200_000);
            r.Property(x => x.RunBy).HasMaxLength(64);
            r.HasIndex(x => x.RanAt);
        });

        builder.Entity<AuditEvent>(a =>
        {
            a.ToTable("audit_events");
            a.Property(x => x.Id).ValueGeneratedNever();
            a.HasIndex(x => x.Seq).IsUnique();
            a.Property(x => x.UserId).HasMaxLength(64);
            a.Property(x => x.Role).HasMaxLength(32);
            a.Property(x => x.Territory).HasMaxLength(1000);
            a.Property(x => x.Action).HasMaxLength(64);
            a.Property(x => x.ObjectType).HasMaxLength(64);
            a.Property(x => x.ObjectId).HasMaxLength(64);
            a.Property(x => x.Outcome).HasMaxLength(32);
            a.Property(x => x.Reason).HasMaxLength(2000);
            a.Property(x => x.CorrelationId).HasMaxLength(128);
            a.Property(x => x.PrevHash).HasMaxLength(64);
            a.Property(x => x.Hash).HasMaxLength(64);
            a.HasIndex(x => new { x.ObjectType, x.ObjectId });
        });

        builder.Entity<AccessToken>(t =>
        {
            t.Property(x => x.Id).ValueGeneratedNever(); // ids are Guid v7 made by the app; new children found in navigations are inserted
            t.ToTable("access_tokens");
            t.Property(x => x.UserId).HasMaxLength(64);
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.Hash).HasMaxLength(64);
            t.Property(x => x.Prefix).HasMaxLength(16);
            t.HasIndex(x => x.Hash).IsUnique();
            t.HasIndex(x => x.UserId);
        });

        builder.Entity<DataProtectionKey>(k =>
        {
            k.ToTable("data_protection_keys");
            k.Property(x => x.FriendlyName).HasMaxLength(200);
        });

        builder.Entity<IdempotencyRecord>(i =>
        {
            i.ToTable("idempotency_records");
            i.HasKey(x => new { x.UserId, x.Key });
            i.Property(x => x.UserId).HasMaxLength(64);
            i.Property(x => x.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
            i.Property(x => x.RequestHash).HasMaxLength(64);
            i.Property(x => x.ContentType).HasMaxLength(100);
        });
    }

    private void ConfigurePanel(ModelBuilder builder)
    {
        builder.Entity<PanelMember>(m =>
        {
            m.Property(x => x.Id).ValueGeneratedNever();
            m.ToTable("panel_members");
            m.Property(x => x.TerritoryCode).HasMaxLength(3);
            m.Property(x => x.Name).HasMaxLength(PanelMember.MaxNameLength);
            m.Property(x => x.Service).HasMaxLength(32);
            m.Property(x => x.Function).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.Email).HasMaxLength(Limits.Contact);
            m.Property(x => x.UserId).HasMaxLength(64);
            m.Property(x => x.Version).IsConcurrencyToken();
            m.Ignore(x => x.CanChair);
            m.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryCode).OnDelete(DeleteBehavior.Restrict);
            m.HasIndex(x => new { x.TerritoryCode, x.Active });
            m.HasQueryFilter(x => PanelMembersReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<PanelMeeting>(m =>
        {
            m.Property(x => x.Id).ValueGeneratedNever();
            m.ToTable("panel_meetings");
            m.Property(x => x.TerritoryCode).HasMaxLength(3);
            m.Property(x => x.Location).HasMaxLength(PanelMeeting.MaxLocationLength);
            m.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.CreatedById).HasMaxLength(64);
            m.Property(x => x.ValidatedById).HasMaxLength(64);
            m.Property(x => x.MinutesNotes).HasMaxLength(PanelMeeting.MaxNotesLength);
            m.Property(x => x.Version).IsConcurrencyToken();
            m.Ignore(x => x.IsLocked);
            m.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryCode).OnDelete(DeleteBehavior.Restrict);
            m.HasMany(x => x.Agenda).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            m.HasMany(x => x.Attendance).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => new { x.TerritoryCode, x.ScheduledAt });
            m.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<AgendaItem>(a =>
        {
            a.Property(x => x.Id).ValueGeneratedNever();
            a.ToTable("agenda_items");
            a.Property(x => x.TerritoryCode).HasMaxLength(3);
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Note).HasMaxLength(AgendaItem.MaxNoteLength);
            a.Property(x => x.AddedById).HasMaxLength(64);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => new { x.MeetingId, x.Position });
            a.HasIndex(x => x.CaseId);
            a.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<MeetingAttendance>(a =>
        {
            a.ToTable("meeting_attendance");
            a.HasKey(x => new { x.MeetingId, x.MemberId });
            a.Property(x => x.TerritoryCode).HasMaxLength(3);
            a.Property(x => x.Function).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.MemberName).HasMaxLength(PanelMember.MaxNameLength);
            a.Property(x => x.Service).HasMaxLength(32);
            a.HasOne<PanelMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
            a.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<MeetingFollowUp>(f =>
        {
            f.Property(x => x.Id).ValueGeneratedNever();
            f.ToTable("meeting_follow_ups");
            f.Property(x => x.TerritoryCode).HasMaxLength(3);
            f.Property(x => x.Action).HasMaxLength(MeetingFollowUp.MaxActionLength);
            f.Property(x => x.Version).IsConcurrencyToken();
            f.HasOne<PanelMeeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            f.HasOne<PanelMember>().WithMany().HasForeignKey(x => x.OwnerMemberId).OnDelete(DeleteBehavior.Restrict);
            f.HasIndex(x => x.MeetingId);
            f.HasIndex(x => new { x.TerritoryCode, x.DoneAt, x.DueOn });
            f.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<MinutesCorrection>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.ToTable("minutes_corrections");
            c.Property(x => x.TerritoryCode).HasMaxLength(3);
            c.Property(x => x.Text).HasMaxLength(MinutesCorrection.MaxTextLength);
            c.Property(x => x.ById).HasMaxLength(64);
            c.HasOne<PanelMeeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => x.MeetingId);
            c.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<PanelDecision>(d =>
        {
            d.Property(x => x.Id).ValueGeneratedNever();
            d.ToTable("panel_decisions");
            d.Property(x => x.TerritoryCode).HasMaxLength(3);
            d.Property(x => x.Type).HasConversion<string>().HasMaxLength(24);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.ClosureReason).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.ClosureReasonDetail).HasMaxLength(PanelDecision.MaxReasonDetailLength);
            d.Property(x => x.FollowingService).HasMaxLength(PanelDecision.MaxServiceLength);
            d.Property(x => x.TransferTo).HasMaxLength(3);
            d.Property(x => x.Rationale).HasMaxLength(PanelDecision.MaxRationaleLength);
            d.Property(x => x.ProposedById).HasMaxLength(64);
            d.Property(x => x.ApprovedById).HasMaxLength(64);
            d.Property(x => x.ApprovalNote).HasMaxLength(PanelDecision.MaxReasonDetailLength);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.Ignore(x => x.NeedsApproval);
            d.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<PanelMeeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
            d.HasIndex(x => new { x.CaseId, x.DecidedAt });
            d.HasIndex(x => new { x.TerritoryCode, x.Status });
            d.HasIndex(x => x.MeetingId);
            // The deciding panel's record: it stays with that panel's minutes when the case is transferred.
            d.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CaseTransfer>(t =>
        {
            t.Property(x => x.Id).ValueGeneratedNever();
            t.ToTable("case_transfers");
            t.Property(x => x.FromTerritory).HasMaxLength(3);
            t.Property(x => x.ToTerritory).HasMaxLength(3);
            t.Property(x => x.PersonLabel).HasMaxLength(CaseTransfer.MaxLabelLength);
            t.Property(x => x.Summary).HasMaxLength(CaseTransfer.MaxSummaryLength);
            t.Property(x => x.RequestedById).HasMaxLength(64);
            t.Property(x => x.SettledById).HasMaxLength(64);
            t.Property(x => x.Note).HasMaxLength(CaseTransfer.MaxSummaryLength);
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.Version).IsConcurrencyToken();
            t.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            t.HasOne<Territory>().WithMany().HasForeignKey(x => x.FromTerritory).OnDelete(DeleteBehavior.Restrict);
            t.HasOne<Territory>().WithMany().HasForeignKey(x => x.ToTerritory).OnDelete(DeleteBehavior.Restrict);
            t.HasIndex(x => new { x.ToTerritory, x.Status });
            t.HasIndex(x => new { x.FromTerritory, x.Status });
            t.HasIndex(x => x.CaseId);
            // Both panels see the transfer (the receiving one: this summary only, until it accepts).
            t.HasQueryFilter(x => RegisterReadable && (RegisterNational
                || RegisterTerritories.Contains(x.FromTerritory) || RegisterTerritories.Contains(x.ToTerritory)));
        });

        builder.Entity<AssessmentGrid>(g =>
        {
            g.Property(x => x.Id).ValueGeneratedNever();
            g.ToTable("assessment_grids");
            g.Property(x => x.Code).HasMaxLength(32);
            g.Property(x => x.NameFr).HasMaxLength(AssessmentGrid.MaxNameLength);
            g.Property(x => x.NameEn).HasMaxLength(AssessmentGrid.MaxNameLength);
            g.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            g.Property(x => x.Version).IsConcurrencyToken();
            g.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Cascade);
            g.HasIndex(x => new { x.Code, x.Edition }).IsUnique();
        });

        builder.Entity<AssessmentGridItem>(i =>
        {
            i.Property(x => x.Id).ValueGeneratedNever();
            i.ToTable("assessment_grid_items");
            i.Property(x => x.DomainCode).HasMaxLength(32);
            i.Property(x => x.DomainFr).HasMaxLength(AssessmentGrid.MaxNameLength);
            i.Property(x => x.DomainEn).HasMaxLength(AssessmentGrid.MaxNameLength);
            i.Property(x => x.Code).HasMaxLength(32);
            i.Property(x => x.LabelFr).HasMaxLength(AssessmentGridItem.MaxLabelLength);
            i.Property(x => x.LabelEn).HasMaxLength(AssessmentGridItem.MaxLabelLength);
            i.Property(x => x.GuidanceFr).HasMaxLength(AssessmentGridItem.MaxGuidanceLength);
            i.Property(x => x.GuidanceEn).HasMaxLength(AssessmentGridItem.MaxGuidanceLength);
            i.HasIndex(x => new { x.GridId, x.Code }).IsUnique();
        });

        builder.Entity<Assessment>(a =>
        {
            a.Property(x => x.Id).ValueGeneratedNever();
            a.ToTable("assessments");
            a.Property(x => x.TerritoryCode).HasMaxLength(3);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.RequestedById).HasMaxLength(64);
            a.Property(x => x.RequestNote).HasMaxLength(Assessment.MaxRequestNoteLength);
            a.Property(x => x.AssessorId).HasMaxLength(64);
            a.Property(x => x.Narrative).HasMaxLength(Assessment.MaxNarrativeLength);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<AssessmentGrid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
            a.HasMany(x => x.Ratings).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            a.HasIndex(x => new { x.CaseId, x.RequestedAt });
            a.HasIndex(x => new { x.TerritoryCode, x.Status });
            // Assessments: the panel of the territory and its assessors (who see nothing else of the register).
            a.HasQueryFilter(x => AssessmentsReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<AssessmentRating>(r =>
        {
            r.ToTable("assessment_ratings");
            r.HasKey(x => new { x.AssessmentId, x.ItemId });
            r.Property(x => x.ItemCode).HasMaxLength(32);
            r.Property(x => x.TerritoryCode).HasMaxLength(3);
            r.Property(x => x.Rating).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Evidence).HasMaxLength(AssessmentRating.MaxEvidenceLength);
            r.Property(x => x.Source).HasMaxLength(AssessmentRating.MaxSourceLength);
            r.HasOne<AssessmentGridItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
            r.HasQueryFilter(x => AssessmentsReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<ReviewCampaign>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.ToTable("review_campaigns");
            c.Property(x => x.Title).HasMaxLength(ReviewCampaign.MaxTitleLength);
            c.Property(x => x.Instructions).HasMaxLength(ReviewCampaign.MaxInstructionsLength);
            c.Property(x => x.TerritoryCode).HasMaxLength(3);
            c.Property(x => x.ScopeStatuses).HasMaxLength(100);
            c.Property(x => x.CreatedById).HasMaxLength(64);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.IsNational);
            c.HasIndex(x => x.CreatedAt);
            // National campaigns are seen by every panel and the national team; a departmental one by its panel.
            c.HasQueryFilter(x => CampaignsReadable
                && (x.TerritoryCode == null || RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CampaignCase>(c =>
        {
            c.ToTable("campaign_cases");
            c.HasKey(x => new { x.CampaignId, x.CaseId });
            c.Property(x => x.TerritoryCode).HasMaxLength(3);
            c.Property(x => x.ReviewedById).HasMaxLength(64);
            c.HasOne<ReviewCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => x.CaseId);
            c.HasIndex(x => new { x.CampaignId, x.TerritoryCode, x.ReviewedAt });
            // The cases themselves: their panel only. The national team reads counts through CampaignProgress.
            c.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<PanelDigest>(d =>
        {
            d.ToTable("panel_digests");
            d.HasKey(x => new { x.TerritoryCode, x.Day });
            d.Property(x => x.TerritoryCode).HasMaxLength(3);
        });
    }

    /// <summary>
    /// The care compartment (CPRAF: care and clinician roles, own territory), health notes (clinicians only)
    /// and the returning minors' protocol (register compartment; clinicians read its label to write health notes).
    /// No foreign key to the register's cases: the compartments have their own retention.
    /// </summary>
    private void ConfigureCare(ModelBuilder builder)
    {
        builder.Entity<CareReferral>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.ToTable("care_referrals");
            r.Property(x => x.TerritoryCode).HasMaxLength(3);
            r.Property(x => x.GivenName).HasMaxLength(Limits.Name);
            r.Property(x => x.Surname).HasMaxLength(Limits.Name);
            r.Property(x => x.Rationale).HasMaxLength(CareReferral.MaxRationaleLength);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.DeclineNote).HasMaxLength(CarePlan.MaxNoteLength);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.HasIndex(x => x.DecisionId).IsUnique();
            r.HasIndex(x => new { x.TerritoryCode, x.Status, x.ReferredAt });
            r.HasIndex(x => x.CaseId);
            r.HasQueryFilter(x => CareReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CarePlan>(p =>
        {
            p.Property(x => x.Id).ValueGeneratedNever();
            p.ToTable("care_plans");
            p.Property(x => x.TerritoryCode).HasMaxLength(3);
            p.Property(x => x.PersonLabel).HasMaxLength(CaseTransfer.MaxLabelLength);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.OpenedById).HasMaxLength(64);
            p.Property(x => x.ConsentGivenBy).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.ConsentGuardians).HasMaxLength(CarePlan.MaxNameLength);
            p.Property(x => x.ConsentWithdrawalNote).HasMaxLength(CarePlan.MaxNoteLength);
            p.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
            p.Property(x => x.OutcomeNote).HasMaxLength(CarePlan.MaxNoteLength);
            p.Property(x => x.PanelSummary).HasMaxLength(CarePlan.MaxSummaryLength);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Ignore(x => x.IsOpen);
            p.HasOne<CareReferral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
            p.HasIndex(x => x.ReferralId).IsUnique();
            p.HasIndex(x => new { x.TerritoryCode, x.Status });
            p.HasIndex(x => x.CaseId);
            p.HasIndex(x => x.RetainUntil);
            p.HasQueryFilter(x => CareReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CareGoal>(g =>
        {
            g.Property(x => x.Id).ValueGeneratedNever();
            g.ToTable("care_goals");
            g.Property(x => x.TerritoryCode).HasMaxLength(3);
            g.Property(x => x.Text).HasMaxLength(CareGoal.MaxTextLength);
            g.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            g.Property(x => x.Version).IsConcurrencyToken();
            g.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            g.HasQueryFilter(x => CareReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CareIntervention>(i =>
        {
            i.Property(x => x.Id).ValueGeneratedNever();
            i.ToTable("care_interventions");
            i.Property(x => x.TerritoryCode).HasMaxLength(3);
            i.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
            i.Property(x => x.Provider).HasMaxLength(CareIntervention.MaxProviderLength);
            i.Property(x => x.Note).HasMaxLength(CareIntervention.MaxNoteLength);
            i.Property(x => x.Version).IsConcurrencyToken();
            i.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            i.HasQueryFilter(x => CareReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CareSession>(s =>
        {
            s.Property(x => x.Id).ValueGeneratedNever();
            s.ToTable("care_sessions");
            s.Property(x => x.TerritoryCode).HasMaxLength(3);
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.FamilyMemberIds).HasMaxLength(2000);
            s.Property(x => x.Note).HasMaxLength(CareSession.MaxNoteLength);
            s.Property(x => x.RecordedById).HasMaxLength(64);
            s.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            s.HasIndex(x => new { x.PlanId, x.At });
            s.HasQueryFilter(x => CareReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CareFamilyMember>(f =>
        {
            f.Property(x => x.Id).ValueGeneratedNever();
            f.ToTable("care_family_members");
            f.Property(x => x.TerritoryCode).HasMaxLength(3);
            f.Property(x => x.Relationship).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.Name).HasMaxLength(CareFamilyMember.MaxNameLength);
            f.Property(x => x.Contact).HasMaxLength(CareFamilyMember.MaxContactLength);
            f.Property(x => x.Version).IsConcurrencyToken();
            f.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            f.HasQueryFilter(x => CareReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CareProgressReview>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.ToTable("care_progress_reviews");
            r.Property(x => x.TerritoryCode).HasMaxLength(3);
            r.Property(x => x.Progress).HasMaxLength(CareProgressReview.MaxTextLength);
            r.Property(x => x.RecordedById).HasMaxLength(64);
            r.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            r.HasQueryFilter(x => CareReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<HealthNote>(n =>
        {
            n.Property(x => x.Id).ValueGeneratedNever();
            n.ToTable("health_notes");
            n.Property(x => x.TerritoryCode).HasMaxLength(3);
            n.Property(x => x.Text).HasMaxLength(HealthNote.MaxTextLength);
            n.Property(x => x.AuthorId).HasMaxLength(64);
            n.Property(x => x.AuthorName).HasMaxLength(200);
            n.HasOne<CarePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            n.HasOne<ReturningMinor>().WithMany().HasForeignKey(x => x.MinorId).OnDelete(DeleteBehavior.Cascade);
            n.HasIndex(x => new { x.PlanId, x.At });
            n.HasIndex(x => new { x.MinorId, x.At });
            // Clinicians only (DESIGN.md: health notes); not even care workers of the same unit.
            n.HasQueryFilter(x => HealthNotesReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<ReturningMinor>(m =>
        {
            m.Property(x => x.Id).ValueGeneratedNever();
            m.ToTable("returning_minors");
            m.Property(x => x.TerritoryCode).HasMaxLength(3);
            m.Property(x => x.PersonLabel).HasMaxLength(CaseTransfer.MaxLabelLength);
            m.Property(x => x.Guardianship).HasMaxLength(ReturningMinor.MaxTextLength);
            m.Property(x => x.Measure).HasConversion<string>().HasMaxLength(30);
            m.Property(x => x.MeasureDetail).HasMaxLength(ReturningMinor.MaxShortLength);
            m.Property(x => x.HealthAssessment).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.HealthSummary).HasMaxLength(ReturningMinor.MaxShortLength);
            m.Property(x => x.Schooling).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.SchoolingDetail).HasMaxLength(ReturningMinor.MaxShortLength);
            m.Property(x => x.FamilySituation).HasMaxLength(ReturningMinor.MaxTextLength);
            m.Property(x => x.MultiAgencyPlan).HasMaxLength(ReturningMinor.MaxTextLength);
            m.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.EndReason).HasMaxLength(ReturningMinor.MaxShortLength);
            m.Property(x => x.OpenedById).HasMaxLength(64);
            m.Property(x => x.Version).IsConcurrencyToken();
            m.HasIndex(x => x.CaseId).IsUnique();
            m.HasIndex(x => new { x.TerritoryCode, x.Status, x.NextReviewOn });
            // The panel (register) reads and writes it; clinicians of the territory read it to attach health notes.
            m.HasQueryFilter(x => (RegisterReadable || HealthNotesReadable) && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<MinorReview>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.ToTable("minor_reviews");
            r.Property(x => x.TerritoryCode).HasMaxLength(3);
            r.Property(x => x.Attendees).HasMaxLength(ReturningMinor.MaxShortLength);
            r.Property(x => x.Summary).HasMaxLength(ReturningMinor.MaxTextLength);
            r.Property(x => x.RecordedById).HasMaxLength(64);
            r.HasOne<ReturningMinor>().WithMany().HasForeignKey(x => x.MinorId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => new { x.MinorId, x.HeldOn });
            r.HasQueryFilter(x => RegisterReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });
    }

    /// <summary>
    /// The programme compartment (programme role, own site: its staff hold the territories the site covers).
    /// Sites are reference data without a filter. The analyst reads aggregates through the evaluation service only.
    /// </summary>
    private void ConfigureProgramme(ModelBuilder builder)
    {
        builder.Entity<ProgrammeSite>(s =>
        {
            s.ToTable("programme_sites");
            s.HasKey(x => x.Code);
            s.Property(x => x.Code).HasMaxLength(8);
            s.Property(x => x.Name).HasMaxLength(200);
            s.Property(x => x.City).HasMaxLength(100);
            s.Property(x => x.TerritoryCode).HasMaxLength(3);
            s.Property(x => x.CoveredTerritories).HasMaxLength(200);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.ContactEmail).HasMaxLength(Limits.Contact);
            s.Property(x => x.Version).IsConcurrencyToken();
            s.Ignore(x => x.Covered);
            s.HasData(ProgrammeSiteData.All);
        });

        builder.Entity<ProgrammeParticipant>(p =>
        {
            p.Property(x => x.Id).ValueGeneratedNever();
            p.ToTable("programme_participants");
            p.Property(x => x.SiteCode).HasMaxLength(8);
            p.Property(x => x.TerritoryCode).HasMaxLength(3);
            p.Property(x => x.GivenName).HasMaxLength(ProgrammeParticipant.MaxNameLength);
            p.Property(x => x.Surname).HasMaxLength(ProgrammeParticipant.MaxNameLength);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.ReferringService).HasMaxLength(ProgrammeParticipant.MaxNameLength);
            p.Property(x => x.ReferralNote).HasMaxLength(ProgrammeParticipant.MaxTextLength);
            p.Property(x => x.EndReason).HasConversion<string>().HasMaxLength(30);
            p.Property(x => x.EndNote).HasMaxLength(ProgrammeParticipant.MaxTextLength);
            p.Property(x => x.PanelSummary).HasMaxLength(ProgrammeParticipant.MaxSummaryLength);
            p.Property(x => x.CreatedById).HasMaxLength(64);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Ignore(x => x.CohortYear);
            p.HasOne<ProgrammeSite>().WithMany().HasForeignKey(x => x.SiteCode).OnDelete(DeleteBehavior.Restrict);
            p.HasIndex(x => new { x.TerritoryCode, x.Status });
            p.HasIndex(x => new { x.SiteCode, x.EnrolledOn });
            p.HasIndex(x => x.CaseId);
            p.HasIndex(x => x.RetainUntil);
            p.HasQueryFilter(x => ProgrammeReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<CourtObligation>(o =>
        {
            o.Property(x => x.Id).ValueGeneratedNever();
            o.ToTable("court_obligations");
            o.Property(x => x.TerritoryCode).HasMaxLength(3);
            o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            o.Property(x => x.Detail).HasMaxLength(CourtObligation.MaxDetailLength);
            o.HasOne<ProgrammeParticipant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
            o.HasQueryFilter(x => ProgrammeReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<PlanComponent>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.ToTable("programme_plan_components");
            c.Property(x => x.TerritoryCode).HasMaxLength(3);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            c.Property(x => x.Provider).HasMaxLength(PlanComponent.MaxTextLength);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Note).HasMaxLength(PlanComponent.MaxTextLength);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasOne<ProgrammeParticipant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
            c.HasQueryFilter(x => ProgrammeReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<ParticipantEvent>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.ToTable("programme_events");
            e.Property(x => x.TerritoryCode).HasMaxLength(3);
            e.Property(x => x.SiteCode).HasMaxLength(8);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.OffenceDetail).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(ParticipantEvent.MaxTextLength);
            e.Property(x => x.RecordedById).HasMaxLength(64);
            e.HasOne<ProgrammeParticipant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ParticipantId, x.OccurredOn });
            e.HasQueryFilter(x => ProgrammeReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });

        builder.Entity<PrisonRelease>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.ToTable("prison_releases");
            r.Property(x => x.TerritoryCode).HasMaxLength(3);
            r.Property(x => x.GivenName).HasMaxLength(PrisonRelease.MaxNameLength);
            r.Property(x => x.Surname).HasMaxLength(PrisonRelease.MaxNameLength);
            r.Property(x => x.Establishment).HasMaxLength(PrisonRelease.MaxNameLength);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.TakeoverNote).HasMaxLength(PrisonRelease.MaxTextLength);
            r.Property(x => x.CreatedById).HasMaxLength(64);
            r.Property(x => x.Version).IsConcurrencyToken();
            r.Ignore(x => x.TakeoverPrepared);
            r.HasIndex(x => new { x.TerritoryCode, x.ReleaseOn });
            r.HasIndex(x => new { x.Status, x.ReleaseOn });
            r.HasQueryFilter(x => ProgrammeReadable && (RegisterNational || RegisterTerritories.Contains(x.TerritoryCode)));
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite gives back "unspecified" kinds, so mark them on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: audit chaining needs the asynchronous path.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditLogIsAppendOnly();
        BumpVersions();

        var pending = ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .OrderBy(e => e.AppendOrder)
            .ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await LockAuditChainAsync(cancellationToken);
            var last = await AuditEvents.AsNoTracking()
                .OrderByDescending(e => e.Seq)
                .Select(e => new { e.Seq, e.Hash })
                .FirstOrDefaultAsync(cancellationToken);
            var seq = last?.Seq ?? 0;
            var prev = last?.Hash ?? AuditEvent.GenesisHash;
            foreach (var e in pending)
            {
                e.Seq = ++seq;
                e.PrevHash = prev;
                e.Hash = e.ComputeHash();
                prev = e.Hash;
            }

            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        catch
        {
            // The events keep their place in the unit of work; a retry re-chains them from the stored tip.
            foreach (var e in pending)
            {
                e.Seq = 0;
            }

            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private void GuardAuditLogIsAppendOnly()
    {
        if (ChangeTracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: events cannot be updated or deleted.");
        }
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
