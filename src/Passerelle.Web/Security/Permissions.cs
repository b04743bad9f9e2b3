namespace Passerelle.Web.Security;

/// <summary>
/// Every permission and the roles that hold it, in one table (the policy table DESIGN.md refers to).
/// Pages and route groups name a permission; the rows they may see are then narrowed in the query
/// by <see cref="AccessScope"/> (territory and compartment).
/// </summary>
internal static class Permissions
{
    /// <summary>Read persons, reports and cases of the register (compartment "register"), own territory.</summary>
    public const string RegisterRead = "register.read";

    /// <summary>Attach reports to persons and move cases through their lifecycle, own territory.</summary>
    public const string RegisterWrite = "register.write";

    /// <summary>
    /// List probable duplicates, merge two persons and undo a merge (the data steward of a
    /// panel's register: its chair), own territory.
    /// </summary>
    public const string RegisterMerge = "register.merge";

    /// <summary>Record a new report about a person.</summary>
    public const string ReportsCreate = "reports.create";

    /// <summary>Read the reports one recorded oneself, for 30 days (hotline, partners).</summary>
    public const string ReportsReadOwn = "reports.read-own";

    /// <summary>Manage users, roles, territory scopes; no case content.</summary>
    public const string UsersManage = "users.manage";

    /// <summary>Read the audit log (data-protection officer).</summary>
    public const string AuditRead = "audit.read";

    /// <summary>The hotline's console for a live call (triage, routing, family referral).</summary>
    public const string HotlineConsole = "hotline.console";

    /// <summary>Read, answer and classify sectarian-drift referrals (compartment "sectarian referrals", national).</summary>
    public const string SectarianManage = "sectarian.manage";

    /// <summary>Edit the reference list of victim-support associations.</summary>
    public const string AssociationsManage = "associations.manage";

    /// <summary>
    /// Statistics of reports: panel members see their own départements' exact counts; the national
    /// analyst sees every département with small counts (under 5) suppressed.
    /// </summary>
    public const string StatisticsRead = "statistics.read";

    /// <summary>See the families referred by the hotline to the département's family-support unit (CPRAF), own territory.</summary>
    public const string FamilyReferralsRead = "family-referrals.read";

    /// <summary>See the retention runs (what was purged, when, under which rule).</summary>
    public const string RetentionRead = "retention.read";

    /// <summary>The panel's home, members, meetings, minutes, decisions and transfers of the own département (GED).</summary>
    public const string PanelRead = "panel.read";

    /// <summary>
    /// The panel's work, own territory: schedule meetings, build and reorder the agenda, take attendance,
    /// propose decisions, record reviews, follow-ups, request assessments, accept incoming transfers.
    /// </summary>
    public const string PanelWork = "panel.work";

    /// <summary>The chair's acts: approve or refuse a closure or a transfer, validate minutes, departmental campaigns.</summary>
    public const string PanelChair = "panel.chair";

    /// <summary>Maintain the list of a panel's members and the services they represent.</summary>
    public const string PanelMembersManage = "panel-members.manage";

    /// <summary>Record structured professional-judgement assessments, own territory (never a score).</summary>
    public const string AssessmentsWrite = "assessments.write";

    /// <summary>Edit the assessment grids (reference data, versioned by edition).</summary>
    public const string AssessmentGridsManage = "assessment-grids.manage";

    /// <summary>Start a national review campaign and follow its progress as counts only (no case, no person).</summary>
    public const string CampaignsNational = "campaigns.national";

    /// <summary>The CPRAF's care compartment, own territory: referrals received, care plans, sessions, families, reviews.</summary>
    public const string CareRead = "care.read";

    /// <summary>Record consent, open, run and close care plans, own territory.</summary>
    public const string CareWrite = "care.write";

    /// <summary>Health notes (care plans and returning minors), own territory: clinicians only.</summary>
    public const string HealthNotes = "care.health-notes";

    /// <summary>The returning minors' protocol, own territory: open it on a case, record its mandatory reviews.</summary>
    public const string MinorsWrite = "minors.write";

    /// <summary>The disengagement programme, own site (the territories the site covers): participants, plans, outcomes, release calendar.</summary>
    public const string ProgrammeRead = "programme.read";

    /// <summary>Refer, enrol, plan and record events and outcomes of participants; the release calendar.</summary>
    public const string ProgrammeWrite = "programme.write";

    /// <summary>Outcome evaluation as aggregates only (recidivism with exact intervals, Kaplan–Meier curves), small cells suppressed on export.</summary>
    public const string EvaluationRead = "evaluation.read";

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPermission = new Dictionary<string, string[]>
    {
        [RegisterRead] = [Roles.Ged, Roles.GedChair],
        [RegisterWrite] = [Roles.Ged, Roles.GedChair],
        [RegisterMerge] = [Roles.GedChair],
        [ReportsCreate] = [Roles.Ged, Roles.GedChair, Roles.Hotline, Roles.Partner],
        [ReportsReadOwn] = [Roles.Hotline, Roles.Partner],
        [UsersManage] = [Roles.Admin],
        [AuditRead] = [Roles.Dpo],
        [HotlineConsole] = [Roles.Hotline],
        [SectarianManage] = [Roles.Miviludes],
        [AssociationsManage] = [Roles.Miviludes, Roles.Admin],
        [StatisticsRead] = [Roles.Ged, Roles.GedChair, Roles.Analyst],
        [FamilyReferralsRead] = [Roles.Care, Roles.Clinician],
        [RetentionRead] = [Roles.Dpo],
        [PanelRead] = [Roles.Ged, Roles.GedChair],
        [PanelWork] = [Roles.Ged, Roles.GedChair],
        [PanelChair] = [Roles.GedChair],
        [PanelMembersManage] = [Roles.GedChair, Roles.Admin],
        [AssessmentsWrite] = [Roles.Assessor, Roles.Ged, Roles.GedChair],
        [AssessmentGridsManage] = [Roles.Admin],
        [CampaignsNational] = [Roles.Analyst],
        [CareRead] = [Roles.Care, Roles.Clinician],
        [CareWrite] = [Roles.Care, Roles.Clinician],
        [HealthNotes] = [Roles.Clinician],
        [MinorsWrite] = [Roles.Ged, Roles.GedChair],
        [ProgrammeRead] = [Roles.Programme],
        [ProgrammeWrite] = [Roles.Programme],
        [EvaluationRead] = [Roles.Analyst],
    };

    public static bool Has(string role, string permission) =>
        RolesByPermission.TryGetValue(permission, out var roles) && roles.Contains(role, StringComparer.Ordinal);
}
