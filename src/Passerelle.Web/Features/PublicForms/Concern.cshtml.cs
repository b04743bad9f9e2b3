using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.PublicForms;

/// <summary>
/// "Signaler une inquiétude": a member of the public reports a concern about someone close, in four
/// steps that each post (no script needed). Answers of the other steps travel in hidden fields and are
/// all checked again before anything is stored; the report is recorded through the same path as the
/// API (<see cref="RecordReport"/>) and waits in the triage queue of the département chosen. Only a
/// receipt number comes back: nothing about anyone is ever shown after sending.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicFormsRateLimitPolicy.Name)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
internal sealed class ConcernModel(RecordReport record, PublicFormKeys keys, CurrentActor actor, TimeProvider clock) : PageModel
{
    public const int Steps = 4;

    [BindProperty]
    public ConcernInput Input { get; set; } = new();

    /// <summary>The honeypot was filled in: a neutral refusal, nothing stored.</summary>
    public bool Refused { get; private set; }

    public static IReadOnlyList<Territory> DepartementChoices => Departements.All;

    public static string ReceiptUrl(string receipt) => "/signalement/recu?numero=" + Uri.EscapeDataString(receipt);

    public void OnGet() => Input = new ConcernInput { FormKey = Guid.NewGuid(), Step = 1 };

    /// <summary>"Suivant" checks this step and those before it (their hidden answers included); "Précédent" checks nothing.</summary>
    public IActionResult OnPost(string? go)
    {
        ModelState.Clear();
        var step = Math.Clamp(Input.Step, 1, Steps);
        if (go == "back")
        {
            Input.Step = Math.Max(1, step - 1);
            return Page();
        }

        var (_, errors) = Validate();
        var blocking = errors.Where(e => e.Step <= Math.Min(step, Steps - 1)).ToList();
        if (blocking.Count > 0)
        {
            return Invalid(blocking);
        }

        Input.Step = Math.Min(Steps, step + 1);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (PublicFormFields.IsRobot(Input.Website))
        {
            Refused = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Input.FormKey != Guid.Empty && await keys.ReceiptOfAsync(Input.FormKey, ct) is { } earlier)
        {
            return LocalRedirect(ReceiptUrl(earlier));
        }

        var (valid, errors) = Validate();
        if (Input.FormKey == Guid.Empty)
        {
            errors.Add(new StepError(Steps, string.Empty, Texts.Get("publicforms.error.form-key")));
        }

        if (valid is null || errors.Count > 0)
        {
            return Invalid(errors);
        }

        actor.ActAs(PublicFormKeys.Scope);
        var receipt = await keys.RecordOnceAsync(Input.FormKey, "/signalement/recu", async token =>
        {
            var (recorded, error) = await record.ExecuteAsync(valid, token);
            return recorded?.Receipt ?? throw new InvalidOperationException($"A valid public report was refused: {error?.MessageKey}.");
        }, ct);
        return LocalRedirect(ReceiptUrl(receipt));
    }

    /// <summary>A behaviour's label; the shared list may hold a code whose label only this form has yet.</summary>
    public static string BehaviourLabel(string code) =>
        Texts.Has("behaviour." + code) ? Texts.Get("behaviour." + code) : Texts.Get("publicforms.behaviour." + code);

    private PageResult Invalid(List<StepError> errors)
    {
        // The errors are shown on the first step that has any, where their fields are.
        var step = errors.Min(e => e.Step);
        foreach (var e in errors.Where(e => e.Step == step))
        {
            ModelState.AddModelError(e.Key, e.Message);
        }

        Input.Step = step;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Every step's answers, checked as if nothing had been checked before; then the API's own validation.</summary>
    private (ValidReport? Report, List<StepError> Errors) Validate()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new List<StepError>();
        void Add(int step, string key, string messageKey, params object[] args) => errors.Add(new StepError(step, key, Texts.Format(messageKey, args)));

        // Step 1: you.
        if (string.IsNullOrWhiteSpace(Input.Relation))
        {
            Add(1, "Input.Relation", "error.required");
        }
        else if (!CallerRelations.IsKnown(Input.Relation.Trim()))
        {
            Add(1, "Input.Relation", "error.unknown-value");
        }

        var consentToContact = Input.ContactConsent?.Trim();
        if (string.IsNullOrEmpty(consentToContact))
        {
            Add(1, "Input.ContactConsent", "publicforms.error.contact-consent");
        }
        else if (consentToContact is not ("yes" or "no"))
        {
            Add(1, "Input.ContactConsent", "error.unknown-value");
        }

        var (reporterName, nameError) = PublicFormFields.Name(Input.ReporterName);
        if (nameError is not null)
        {
            Add(1, "Input.ReporterName", nameError, Limits.Name);
        }

        var (email, emailError) = PublicFormFields.Email(Input.Email);
        if (emailError is not null)
        {
            Add(1, "Input.Email", emailError, PublicFormFields.MaxEmail);
        }

        var (phone, phoneError) = PublicFormFields.Phone(Input.Phone);
        if (phoneError is not null)
        {
            Add(1, "Input.Phone", phoneError);
        }

        if (consentToContact == "yes" && email is null && phone is null && emailError is null && phoneError is null)
        {
            Add(1, "Input.Email", "publicforms.error.contact-required");
        }

        // Step 2: the person.
        var (given, givenError) = PublicFormFields.Name(Input.GivenName);
        if (givenError is not null)
        {
            Add(2, "Input.GivenName", givenError, Limits.Name);
        }

        var (surname, surnameError) = PublicFormFields.Name(Input.Surname);
        if (surnameError is not null)
        {
            Add(2, "Input.Surname", surnameError, Limits.Name);
        }

        if (given is null && surname is null && givenError is null && surnameError is null)
        {
            Add(2, "Input.Surname", "error.name-required");
        }

        string? dateOfBirth = null;
        if (!string.IsNullOrWhiteSpace(Input.BirthDate))
        {
            if (Input.BirthDate.Length <= 10 && PartialDate.TryParse(Input.BirthDate.Trim(), today, out _))
            {
                dateOfBirth = Input.BirthDate.Trim();
            }
            else
            {
                Add(2, "Input.BirthDate", "error.date-invalid");
            }
        }

        if (!string.IsNullOrWhiteSpace(Input.Age))
        {
            if (int.TryParse(Input.Age.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age is >= 1 and <= 120)
            {
                dateOfBirth ??= (today.Year - age).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                Add(2, "Input.Age", "publicforms.error.age");
            }
        }

        var departement = Input.Departement?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(departement))
        {
            Add(2, "Input.Departement", "publicforms.error.departement");
        }
        else if (!Departements.All.Any(d => d.Code == departement))
        {
            Add(2, "Input.Departement", "error.territory-unknown");
        }

        // Step 3: what you observed.
        var behaviours = Input.Behaviours.Select(b => b?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (behaviours.Count > Domain.Behaviours.All.Count || behaviours.Any(b => !Domain.Behaviours.IsKnown(b)))
        {
            Add(3, "Input.Behaviours", "error.unknown-value");
        }

        var (narrative, narrativeError) = PublicFormFields.Text(Input.Narrative, PublicFormsSetup.MaxNarrative, multiline: true);
        if (narrativeError is not null)
        {
            Add(3, "Input.Narrative", narrativeError, PublicFormsSetup.MaxNarrative);
        }
        else if (narrative is null)
        {
            Add(3, "Input.Narrative", "publicforms.error.narrative");
        }

        // Step 4: check and send.
        if (!Input.Consent)
        {
            Add(4, "Input.Consent", "publicforms.error.consent");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Contact details are kept only when the person agreed to be contacted.
        var contact = consentToContact == "yes" ? string.Join(" / ", new[] { email, phone }.Where(x => x is not null)) : null;
        var submission = new ReportSubmission
        {
            Source = "public-form",
            ResidenceTerritory = departement,
            ReporterName = reporterName,
            ReporterContact = contact,
            CallerRelation = Input.Relation!.Trim(),
            CallbackConsent = consentToContact == "yes",
            Person = new ReportedPerson { GivenName = given, Surname = surname, DateOfBirth = dateOfBirth },
            Behaviours = behaviours,
            Narrative = narrative,

            // No urgency from the public: the rules give the minimum the ticked facts call for, the panel judges the rest.
            Urgency = null,
        };
        var (valid, apiErrors) = ReportValidation.Validate(submission, PublicFormKeys.Scope, today);
        foreach (var e in apiErrors)
        {
            var (step, key) = e.Field switch
            {
                "reporterName" => (1, "Input.ReporterName"),
                "reporterContact" => (1, "Input.Email"),
                "person.givenName" => (2, "Input.GivenName"),
                "person.surname" => (2, "Input.Surname"),
                "person.dateOfBirth" => (2, "Input.BirthDate"),
                "territory" or "residenceTerritory" => (2, "Input.Departement"),
                "behaviours" => (3, "Input.Behaviours"),
                "narrative" => (3, "Input.Narrative"),
                _ => (4, string.Empty),
            };
            errors.Add(new StepError(step, key, Texts.Format(e.MessageKey, e.Args)));
        }

        return (errors.Count == 0 ? valid : null, errors);
    }

    private sealed record StepError(int Step, string Key, string Message);

    public sealed class ConcernInput
    {
        public Guid FormKey { get; set; }

        public int Step { get; set; } = 1;

        /// <summary>The honeypot ("leave empty").</summary>
        public string? Website { get; set; }

        public string? Relation { get; set; }

        public string? ReporterName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        /// <summary>"yes" or "no".</summary>
        public string? ContactConsent { get; set; }

        public string? GivenName { get; set; }

        public string? Surname { get; set; }

        public string? Age { get; set; }

        public string? BirthDate { get; set; }

        public string? Departement { get; set; }

        public List<string> Behaviours { get; set; } = [];

        public string? Narrative { get; set; }

        public bool Consent { get; set; }
    }
}
