using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Features.Cases;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Data;

/// <summary>
/// Demo accounts (one per main role, TOTP pre-enrolled with a printed secret) and a few invented
/// persons, reports and cases in départements 59, 62 and 75 (among them a probable duplicate and a pair of
/// twins for the data steward). Only ever added to an empty database.
/// </summary>
internal static class DemoSeed
{
    public const string Password = "Passerelle-Demo-2026!";

    public static readonly IReadOnlyList<(string Email, string Name, string Role, string Territories)> Accounts =
    [
        ("admin@demo.passerelle.fr", "Alice Admin", Roles.Admin, AccessScope.NationalValue),
        ("ged59@demo.passerelle.fr", "Gaëlle Nord", Roles.Ged, "59"),
        ("chair59@demo.passerelle.fr", "Charles Préfet", Roles.GedChair, "59"),
        ("ged75@demo.passerelle.fr", "Paul Paris", Roles.Ged, "75"),
        ("chair75@demo.passerelle.fr", "Claire Préfète", Roles.GedChair, "75"),
        ("assessor59@demo.passerelle.fr", "Agathe Évaluation", Roles.Assessor, "59"),
        ("hotline@demo.passerelle.fr", "Hugo Écoute", Roles.Hotline, AccessScope.NationalValue),
        ("care59@demo.passerelle.fr", "Camille Soin", Roles.Care, "59"),
        ("clinician59@demo.passerelle.fr", "Claude Clinicienne", Roles.Clinician, "59"),
        ("programme-lille@demo.passerelle.fr", "Pierre Programme", Roles.Programme, ProgrammeSiteData.All.Single(s => s.Code == "LIL").CoveredTerritories),
        ("programme-paris@demo.passerelle.fr", "Pauline Programme", Roles.Programme, ProgrammeSiteData.All.Single(s => s.Code == "PAR").CoveredTerritories),
        ("dpo@demo.passerelle.fr", "Denise Protection", Roles.Dpo, AccessScope.NationalValue),
        ("analyst@demo.passerelle.fr", "Anne Analyse", Roles.Analyst, AccessScope.NationalValue),
        ("partner59@demo.passerelle.fr", "Paulette Collège", Roles.Partner, "59"),
        ("miviludes@demo.passerelle.fr", "Marc Vigilance", Roles.Miviludes, AccessScope.NationalValue),
    ];

    private static readonly (string Territory, string Given, string Surname, string Dob, string Place, string Sex, string[] Behaviours, string Narrative, string? Next)[] Persons =
    [
        ("59", "Lucas", "Martin", "2006-03-14", "Lille", "M", ["family-rupture", "violent-propaganda"], "Signalé par le lycée : rupture avec ses amis, partage de vidéos violentes.", "UnderAssessment"),
        ("59", "Inès", "Petit", "2004", "Roubaix", "F", ["travel-plan"], "La famille s'inquiète d'un projet de départ à l'étranger évoqué en ligne.", "Followed"),
        ("59", "Kevin", "Dubois", "1999-11", "Tourcoing", "M", ["threats"], "Menaces proférées contre un enseignant, rapportées par un professionnel.", null),
        ("59", "Sarah", "Lefèvre", "2007-01-22", "Douai", "F", ["school-work-dropout", "family-rupture"], "Décrochage scolaire brutal et isolement, signalé par la mère.", "Closed"),
        ("62", "Thomas", "Moreau", "2001-07-09", "Arras", "M", ["weapons-interest"], "Intérêt marqué pour les armes, propos justifiant la violence.", null),
        ("75", "Emma", "Laurent", "2005-05-30", "Paris", "F", ["violence-justification"], "Propos justifiant des attentats tenus en classe.", "UnderAssessment"),
        ("75", "Adam", "Garcia", "2003", "Créteil", "M", ["violent-network-contact"], "Contacts répétés avec des personnes connues pour des violences.", null),
    ];

    /// <summary>
    /// For the data steward's list (issue 3): the same young man reported twice in the Nord under two
    /// spellings of his given name (a probable duplicate), and twin brothers who share surname, date of
    /// birth and address but not their given names (never proposed: different people).
    /// </summary>
    private static readonly (string Territory, string Given, string Surname, string Dob, string Place, string Sex, string Address, string[] Behaviours, string Narrative)[] StewardCases =
    [
        ("59", "Oumar", "Kanté", "2002-06-18", "Maubeuge", "M", "4 rue de la Paix, Maubeuge", ["violent-propaganda"], "Partage de vidéos de propagande violente signalé par un éducateur."),
        ("59", "Umar", "Kanté", "2002-06-18", "Maubeuge", "M", "4 rue de la Paix, Maubeuge", ["threats"], "Menaces en ligne envers un ancien camarade, signalées par la famille de celui-ci."),
        ("59", "Yanis", "Delcourt", "2005-02-11", "Valenciennes", "M", "17 rue du Quesnoy, Valenciennes", ["school-work-dropout"], "Absentéisme scolaire prolongé, signalé par le collège."),
        ("59", "Nathan", "Delcourt", "2005-02-11", "Valenciennes", "M", "17 rue du Quesnoy, Valenciennes", ["family-rupture"], "Rupture avec les parents, hébergé chez un tiers ; signalé par l'assistante sociale."),
    ];

    /// <summary>Returns false (and does nothing) when the database already has users.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        if (await db.Users.AnyAsync())
        {
            return false;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var keys = (IUserAuthenticatorKeyStore<AppUser>)services.GetRequiredService<IUserStore<AppUser>>();
        var printed = new StringBuilder();
        printed.AppendLine("Demo accounts (password for all: " + Password + "):");
        foreach (var (email, name, role, territories) in Accounts)
        {
            var twoFactor = Roles.RequiresTwoFactor(role);
            var outcome = await UserAccounts.CreateAsync(services, email, name, role, territories, Password, twoFactor);
            if (outcome.User is not { } user)
            {
                throw new InvalidOperationException("Demo account could not be created: " + string.Join("; ", outcome.Errors.Select(e => e.MessageKey)));
            }

            var secret = twoFactor ? TotpSecret(email) : null;
            if (secret is not null)
            {
                await keys.SetAuthenticatorKeyAsync(user, secret, CancellationToken.None);
                await users.UpdateAsync(user);
            }

            printed.AppendLine(CultureInfo.InvariantCulture, $"  {email,-32} {role,-10} {territories,-9} {(secret is null ? "(no 2FA for this role)" : "TOTP secret " + secret)}");
        }

        await SeedCasesAsync(services);
        await SeedReferenceDataAsync(db);
        await Features.Sectarian.SectarianDemo.SeedAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await Features.Assessments.AssessmentsDemo.SeedAsync(services);
        await Features.Panel.Reviews.ReviewsDemo.SeedAsync(services);
        await Features.Panel.Meetings.PanelDemo.SeedAsync(services);
        await Features.Panel.Decisions.DecisionsDemo.SeedAsync(services);
        await Features.Care.CareDemo.SeedAsync(services);
        await Features.Programme.ProgrammeDemo.SeedAsync(services);
        await Features.Programme.Releases.ReleasesDemo.SeedAsync(services);
        await Features.Minors.MinorsDemo.SeedAsync(services);
        await Features.Evaluation.EvaluationDemo.SeedAsync(services);
        Console.WriteLine(printed.ToString());
        return true;
    }

    /// <summary>A fixed TOTP secret per demo account, so the README can list it (demo data only).</summary>
    public static string TotpSecret(string email)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("passerelle-demo:" + email));
        return string.Concat(bytes.Take(32).Select(b => alphabet[b % 32]));
    }

    /// <summary>
    /// Duty contacts of the demo départements (where imminent-danger alerts go) and the victim-support
    /// associations the Miviludes analysts recommend (reference data, editable in the application).
    /// </summary>
    private static async Task SeedReferenceDataAsync(PasserelleDb db)
    {
        foreach (var territory in await db.Territories.Where(t => t.Code == "59" || t.Code == "62" || t.Code == "75").ToListAsync())
        {
            territory.DutyContactEmail = $"astreinte-{territory.Code}@demo.passerelle.fr";
        }

        db.SupportAssociations.AddRange(
            new SupportAssociation { Name = "UNADFI — Union nationale des associations de défense des familles et de l'individu victimes de sectes", Contact = "Tél. 01 00 00 00 01 (démo) — www.unadfi.org" },
            new SupportAssociation { Name = "CCMM — Centre national d'accompagnement familial face à l'emprise sectaire", Contact = "Tél. 01 00 00 00 02 (démo) — www.ccmm.asso.fr" },
            new SupportAssociation { Name = "GEMPI — Groupe d'étude des mouvements de pensée en vue de la protection de l'individu", Contact = "Tél. 01 00 00 00 03 (démo) — www.gemppi.org" },
            new SupportAssociation { Name = "CAFFES — Centre d'accueil des familles face aux emprises sectaires", Contact = "Tél. 01 00 00 00 04 (démo)" },
            new SupportAssociation { Name = "CLPS — Centre de liaison et de prévention des sectes", Contact = "Tél. 01 00 00 00 05 (démo)" },
            new SupportAssociation { Name = "ADFI Nord — Pas-de-Calais", Region = "Hauts-de-France", Contact = "Tél. 03 00 00 00 06 (démo), Lille" },
            new SupportAssociation { Name = "ADFI Paris — Île-de-France", Region = "Île-de-France", Contact = "Tél. 01 00 00 00 07 (démo), Paris" });
        await db.SaveChangesAsync();
    }

    private static async Task SeedCasesAsync(IServiceProvider services)
    {
        var record = services.GetRequiredService<RecordReport>();
        var transition = services.GetRequiredService<TransitionCase>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var p in Persons)
        {
            var submission = new ReportSubmission
            {
                Source = p.Territory == "62" ? "hotline" : "professional",
                Territory = p.Territory,
                ReporterName = "Démo Signalant",
                ReporterContact = "01 23 45 67 89",
                Person = new ReportedPerson { GivenName = p.Given, Surname = p.Surname, DateOfBirth = p.Dob, PlaceOfBirth = p.Place, Sex = p.Sex },
                Behaviours = p.Behaviours,
                Narrative = p.Narrative,
                Urgency = "routine",
            };
            var (valid, errors) = ReportValidation.Validate(submission, AccessScope.System, today);
            if (valid is null)
            {
                throw new InvalidOperationException("Invalid demo report: " + string.Join(", ", errors.Select(e => e.Field + " " + e.MessageKey)));
            }

            var (recorded, _) = await record.ExecuteAsync(valid, CancellationToken.None);
            if (p.Next is null || recorded is null)
            {
                continue;
            }

            if (p.Next == "UnderAssessment")
            {
                var result = await transition.ExecuteAsync(recorded.CaseId, CaseStatus.UnderAssessment, "Décision de démonstration du GED.", 0, CancellationToken.None);
                if (result.Outcome != TransitionCase.Outcome.Done)
                {
                    throw new InvalidOperationException($"Invalid demo transition: {result.Outcome}");
                }

                continue;
            }

            // Followed and Closed come from panel decisions (a closure approved by a second person, the chair).
            await DecideAsync(services, recorded.CaseId, p.Next == "Followed" ? DecisionType.KeepFollowed : DecisionType.Close);
        }
        foreach (var p in StewardCases)
        {
            var submission = new ReportSubmission
            {
                Source = "professional",
                Territory = p.Territory,
                ReporterName = "Démo Signalant",
                ReporterContact = "01 23 45 67 89",
                Person = new ReportedPerson { GivenName = p.Given, Surname = p.Surname, DateOfBirth = p.Dob, PlaceOfBirth = p.Place, Sex = p.Sex, Address = p.Address },
                Behaviours = p.Behaviours,
                Narrative = p.Narrative,
                Urgency = "routine",
            };
            var (valid, errors) = ReportValidation.Validate(submission, AccessScope.System, today);
            if (valid is null)
            {
                throw new InvalidOperationException("Invalid demo report: " + string.Join(", ", errors.Select(e => e.Field + " " + e.MessageKey)));
            }

            // Always a new person: the demo shows what a steward finds, it never attaches on its own.
            await record.ExecuteAsync(valid, CancellationToken.None);
        }
    }

    private static async Task DecideAsync(IServiceProvider services, Guid caseId, DecisionType type)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
        var (decision, error) = PanelDecision.Propose(
            @case,
            type,
            "Décision de démonstration du GED.",
            PanelDecision.DefaultNextReview(type, DateOnly.FromDateTime(now)),
            type == DecisionType.KeepFollowed ? "police" : null,
            type == DecisionType.Close ? ClosureReason.NotConfirmed : null,
            null,
            null,
            @case.TerritoryCode,
            null,
            null,
            "demo-seed",
            now);
        if (decision is null)
        {
            throw new InvalidOperationException("Invalid demo decision: " + error?.Code);
        }

        if (decision.NeedsApproval && decision.Approve("demo-chair", null, now) is { } refused)
        {
            throw new InvalidOperationException("Invalid demo approval: " + refused.Code);
        }

        var eventsBefore = @case.Events.Count;
        if (@case.ApplyDecision(decision, "demo-seed", now) is { } notApplied)
        {
            throw new InvalidOperationException("Invalid demo decision: " + notApplied.Code);
        }

        db.PanelDecisions.Add(decision);
        db.CaseEvents.AddRange(@case.Events.Skip(eventsBefore));
        await db.SaveChangesAsync();
    }
}
