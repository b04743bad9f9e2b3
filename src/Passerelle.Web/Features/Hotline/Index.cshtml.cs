using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Hotline;

/// <summary>
/// The hotline's console for a live call (issue 4): caller, the person as described, observed facts, urgency
/// under the triage rules (<see cref="UrgencyRules"/>), routing to the département of residence or the
/// caller's, and a family referral to the CPRAF with the family's consent. It writes through the shared
/// report path (<see cref="ReportValidation"/>, <see cref="RecordReport"/>); the form carries a one-time key
/// so a double submission records one report.
/// </summary>
[Authorize(Policy = Permissions.HotlineConsole)]
internal sealed class IndexModel(PasserelleDb db, RecordReport record, TimeProvider clock) : PageModel
{
    private static readonly Dictionary<string, string> FieldKeys = new(StringComparer.Ordinal)
    {
        ["source"] = string.Empty,
        ["territory"] = "Input.ResidenceTerritory",
        ["residenceTerritory"] = "Input.ResidenceTerritory",
        ["callerTerritory"] = "Input.CallerTerritory",
        ["reporterName"] = "Input.ReporterName",
        ["reporterContact"] = "Input.ReporterContact",
        ["callerRelation"] = "Input.CallerRelation",
        ["person.givenName"] = "Input.GivenName",
        ["person.surname"] = "Input.Surname",
        ["person.aliases"] = "Input.Aliases",
        ["person.dateOfBirth"] = "Input.DateOfBirth",
        ["person.placeOfBirth"] = "Input.PlaceOfBirth",
        ["person.sex"] = "Input.Sex",
        ["person.address"] = "Input.Address",
        ["behaviours"] = "Input.Behaviours",
        ["dangerSigns"] = "Input.DangerSigns",
        ["narrative"] = "Input.Narrative",
        ["mainWorry"] = "Input.MainWorry",
        ["urgency"] = "Input.Urgency",
        ["familyReferral"] = "Input.FamilyConsent",
        ["familyReferral.consent"] = "Input.FamilyConsent",
        ["familyReferral.note"] = "Input.FamilyNote",
    };

    [BindProperty]
    public CallInput Input { get; set; } = new();

    public static IReadOnlyList<Territory> Territories => Departements.All;

    public void OnGet() => Input = new CallInput { FormKey = Guid.NewGuid(), Urgency = "routine" };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = AccessScope.From(User);
        var formKey = "hotline:" + Input.FormKey.ToString("N");
        var previous = Input.FormKey == Guid.Empty
            ? null
            : await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == scope.UserId && r.Key == formKey, ct);
        if (previous?.Location is { } done)
        {
            // The same call was already recorded (double submission, Ctrl+Enter twice): show its result, record nothing more.
            return LocalRedirect(done);
        }

        // A value the binder could not read (a tick box that is not true/false) is refused, never read as "no".
        var malformed = ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        var (valid, errors) = ReportValidation.Validate(Submission(), scope, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (Input.FormKey == Guid.Empty)
        {
            errors = [.. errors, new FieldError("form", "error.required")];
        }

        if (valid is null || Input.FormKey == Guid.Empty || malformed.Count > 0)
        {
            foreach (var key in malformed)
            {
                ModelState.AddModelError(key, Texts.Get("error.unknown-value"));
            }

            return Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (recorded, error) = await record.ExecuteAsync(valid, ct);
        if (recorded is null)
        {
            return Invalid([error!]);
        }

        var location = $"/hotline/recorded/{recorded.ReportId}";
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserId = scope.UserId!,
            Key = formKey,
            RequestHash = string.Empty,
            StatusCode = StatusCodes.Status303SeeOther,
            ContentType = "text/html",
            ResponseBody = recorded.Receipt,
            Location = location,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return LocalRedirect(location);
    }

    /// <summary>The least urgency a behaviour or danger sign calls for, for the console's live hint (a code, or null).</summary>
    public static string? RuleUrgencyOf(string? behaviour = null, string? sign = null)
    {
        var minimum = UrgencyRules.MinimumFor(behaviour is null ? [] : [behaviour], sign is null ? [] : [sign]);
        return minimum.RuleKey is null ? null : ReportValidation.Code(minimum.Urgency);
    }

    private ReportSubmission Submission() =>
        new()
        {
            Source = "hotline",
            ResidenceTerritory = Input.ResidenceTerritory,
            CallerTerritory = Input.CallerTerritory,
            ReporterName = Input.ReporterName,
            ReporterContact = Input.ReporterContact,
            CallerRelation = Input.CallerRelation,
            CallbackConsent = Input.CallbackConsent,
            Person = new ReportedPerson
            {
                GivenName = Input.GivenName,
                Surname = Input.Surname,
                Aliases = Input.Aliases,
                DateOfBirth = Input.DateOfBirth,
                Sex = Input.Sex,
                Address = Input.Address,
            },
            Behaviours = Input.Behaviours,
            DangerSigns = Input.DangerSigns,
            Narrative = Input.Narrative,
            MainWorry = Input.MainWorry,
            Urgency = Input.Urgency,
            FamilyReferral = Input.FamilyOffer ? new FamilyReferralRequest { Consent = Input.FamilyConsent, Note = Input.FamilyNote } : null,
        };

    private PageResult Invalid(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            ModelState.AddModelError(FieldKeys.GetValueOrDefault(e.Field, string.Empty), Texts.Format(e.MessageKey, e.Args));
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public sealed class CallInput
    {
        public Guid FormKey { get; set; }

        public string? CallerRelation { get; set; }

        public string? ReporterName { get; set; }

        public string? ReporterContact { get; set; }

        public bool CallbackConsent { get; set; }

        public string? CallerTerritory { get; set; }

        public string? GivenName { get; set; }

        public string? Surname { get; set; }

        public string? Aliases { get; set; }

        public string? DateOfBirth { get; set; }

        public string? Sex { get; set; }

        public string? Address { get; set; }

        public string? ResidenceTerritory { get; set; }

        public List<string> Behaviours { get; set; } = [];

        public List<string> DangerSigns { get; set; } = [];

        public string? Narrative { get; set; }

        public string? MainWorry { get; set; }

        public string? Urgency { get; set; }

        public bool FamilyOffer { get; set; }

        public bool FamilyConsent { get; set; }

        public string? FamilyNote { get; set; }
    }
}
