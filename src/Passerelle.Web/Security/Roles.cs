namespace Passerelle.Web.Security;

/// <summary>The roles of DESIGN.md ("Who uses it"). A user holds exactly one.</summary>
internal static class Roles
{
    public const string Hotline = "hotline";
    public const string Partner = "partner";
    public const string Ged = "ged";
    public const string GedChair = "ged-chair";
    public const string Assessor = "assessor";
    public const string Care = "care";
    public const string Clinician = "clinician";
    public const string Programme = "programme";
    public const string Clir = "clir";
    public const string Miviludes = "miviludes";
    public const string Fund = "fund";
    public const string Analyst = "analyst";
    public const string Prefecture = "prefecture";
    public const string Dpo = "dpo";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All =
    [
        Hotline, Partner, Ged, GedChair, Assessor, Care, Clinician, Programme,
        Clir, Miviludes, Fund, Analyst, Prefecture, Dpo, Admin,
    ];

    /// <summary>
    /// Roles that see no personal data (aggregates, funds of organisations, local actions) may sign in
    /// with a password alone; every other role must use TOTP two-factor authentication.
    /// </summary>
    private static readonly HashSet<string> WithoutPersonalData = [Analyst, Fund, Prefecture];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    public static bool RequiresTwoFactor(string role) => !WithoutPersonalData.Contains(role);
}
