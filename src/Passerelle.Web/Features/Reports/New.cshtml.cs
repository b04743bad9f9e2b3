using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Reports;

/// <summary>
/// Recording a report: about a new person, or (from a person's page) about a person already in the
/// register. The form carries a one-time key, so a double click or a resubmitted page records it once.
/// A register reader can first search the register for the person (<see cref="OnPostCandidatesAsync"/>)
/// and choose to attach the report to a candidate or create a new person: the user decides.
/// </summary>
[Authorize(Policy = Permissions.ReportsCreate)]
internal sealed class NewModel(PasserelleDb db, RecordReport record, FindCandidates find, Coordination.CoordinationRequests coordination, TimeProvider clock) : PageModel
{
    private static readonly Dictionary<string, string> FieldKeys = new(StringComparer.Ordinal)
    {
        ["source"] = "Input.Source",
        ["territory"] = "Input.Territory",
        ["reporterName"] = "Input.ReporterName",
        ["reporterContact"] = "Input.ReporterContact",
        ["person.givenName"] = "Input.GivenName",
        ["person.surname"] = "Input.Surname",
        ["person.aliases"] = "Input.Aliases",
        ["person.dateOfBirth"] = "Input.DateOfBirth",
        ["person.placeOfBirth"] = "Input.PlaceOfBirth",
        ["person.sex"] = "Input.Sex",
        ["person.address"] = "Input.Address",
        ["behaviours"] = "Input.Behaviours",
        ["narrative"] = "Input.Narrative",
        ["urgency"] = "Input.Urgency",
        ["personId"] = "Input.PersonId",
        ["residenceTerritory"] = "Input.Territory",
        ["callerTerritory"] = "Input.Territory",
        ["organisation"] = "Input.Organisation",
        ["organisationType"] = "Input.OrganisationType",
        ["dangerSigns"] = "Input.Urgency",
        ["coordination.from"] = "Input.Territory",
        ["coordination.to"] = "",
    };

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    public string? AttachedTo { get; private set; }

    public IReadOnlyList<Territory> TerritoryChoices { get; private set; } = [];

    /// <summary>Register readers may search the register for the reported person.</summary>
    public bool CanSearch { get; private set; }

    /// <summary>The result of a search of the register, shown above the choice of person.</summary>
    public FindCandidates.Result? Matches { get; private set; }

    /// <summary>What happened to a coordination request, per département code (shown in that département's flag).</summary>
    public Dictionary<string, string> CoordinationNotices { get; } = new(StringComparer.Ordinal);

    /// <summary>Only members who may act on the register send coordination requests.</summary>
    public bool CanCoordinate { get; private set; }

    /// <summary>A partner professional reports as their organisation (name and type required), through the professional door only.</summary>
    public bool IsPartner { get; private set; }

    /// <summary>A probability in whole percent, rounded down: a candidate is never shown as certain when it is not.</summary>
    public static string Percent(double probability) =>
        (Math.Floor(probability * 100) / 100).ToString("P0", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>An agreement level of the engine, in the user's language.</summary>
    public static string Level(string level)
    {
        var key = "match.level." + string.Join('-', level.ToLowerInvariant().Split([' ', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries));
        return Texts.Has(key) ? Texts.Get(key) : level;
    }

    public async Task<IActionResult> OnGetAsync(Guid? personId, CancellationToken ct)
    {
        var scope = AccessScope.From(User);
        Input = new ReportInput
        {
            FormKey = Guid.NewGuid(),
            Source = scope.Role == Roles.Hotline ? "hotline" : scope.Can(Permissions.RegisterRead) ? "panel" : "professional",
            Territory = scope.National || scope.Territories.Count == 0 ? null : scope.Territories[0],
            Urgency = "routine",
        };
        if (personId is { } id)
        {
            var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null || !scope.Can(Permissions.RegisterWrite))
            {
                return NotFound();
            }

            Input.PersonId = person.Id;
            Input.Territory = person.TerritoryCode;
            Input.GivenName = person.GivenName;
            Input.Surname = person.Surname;
            Input.DateOfBirth = person.DateOfBirth?.ToString();
            Input.PlaceOfBirth = person.PlaceOfBirth;
            Input.Sex = ReportValidation.Code(person.Sex);
            AttachedTo = $"{person.Surname.ToUpperInvariant()} {person.GivenName}";
        }

        Prepare(scope);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = AccessScope.From(User);
        var formKey = "form:" + Input.FormKey.ToString("N");
        var previous = Input.FormKey == Guid.Empty
            ? null
            : await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == scope.UserId && r.Key == formKey, ct);
        if (previous?.Location is { } done)
        {
            // The same form was already recorded (double submission): show its result, record nothing more.
            return LocalRedirect(done);
        }

        ModelState.Clear();
        var (valid, errors) = ReportValidation.Validate(Submission(), scope, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (Input.FormKey == Guid.Empty)
        {
            errors = [.. errors, new FieldError("form", "error.required")];
        }

        if (valid is null || Input.FormKey == Guid.Empty)
        {
            return Invalid(scope, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (recorded, error) = await record.ExecuteAsync(valid, ct);
        if (recorded is null)
        {
            return Invalid(scope, [error!]);
        }

        var location = scope.Can(Permissions.RegisterRead) ? $"/persons/{recorded.PersonId}" : "/reports/mine";
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

        TempData["Message"] = Texts.Format("report.recorded", recorded.Receipt);
        return LocalRedirect(location);
    }

    /// <summary>
    /// "Rechercher dans le registre": the same form, re-rendered with the possible matches. Only the
    /// reported person's fields must be valid; nothing is recorded.
    /// </summary>
    public async Task<IActionResult> OnPostCandidatesAsync(CancellationToken ct)
    {
        var scope = AccessScope.From(User);
        if (!scope.Can(Permissions.RegisterRead))
        {
            return Forbid();
        }

        ModelState.Clear();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (_, errors) = ReportValidation.Validate(Submission(), scope, today);
        var personErrors = errors.Where(e => e.Field.StartsWith("person.", StringComparison.Ordinal)).ToList();
        if (personErrors.Count > 0)
        {
            return Invalid(scope, personErrors);
        }

        Matches = await find.RunAsync(PersonQuery(today), ct);
        if (Input.PersonId is { } chosen && !Matches.Candidates.Any(c => c.PersonId == chosen))
        {
            Input.PersonId = null;
        }

        Prepare(scope);
        return Page();
    }

    /// <summary>
    /// "Demander une coordination": asks the panel of a département holding a possible match the
    /// user may not read to get in touch. The form is shown again as it was, with the answer in
    /// that département's flag; nothing of the report is recorded.
    /// </summary>
    public async Task<IActionResult> OnPostCoordinateAsync(string? coordinateTo, CancellationToken ct)
    {
        var scope = AccessScope.From(User);
        if (!scope.Can(Permissions.RegisterRead) || !scope.Can(Permissions.RegisterWrite))
        {
            return Forbid();
        }

        ModelState.Clear();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (_, errors) = ReportValidation.Validate(Submission(), scope, today);
        var personErrors = errors.Where(e => e.Field.StartsWith("person.", StringComparison.Ordinal)).ToList();
        if (personErrors.Count > 0)
        {
            return Invalid(scope, personErrors);
        }

        var from = string.IsNullOrWhiteSpace(Input.Territory) && !scope.National && scope.Territories.Count == 1 ? scope.Territories[0] : Input.Territory;
        var query = PersonQuery(today);
        var sent = await coordination.SendAsync(from, coordinateTo, query, null, ct);
        if (sent.Outcome == Coordination.CoordinationRequests.Outcome.Invalid)
        {
            return Invalid(scope, sent.Errors ?? []);
        }

        var code = coordinateTo!.Trim();
        CoordinationNotices[code] = sent.Outcome switch
        {
            Coordination.CoordinationRequests.Outcome.Sent => Texts.Format("coordination.sent", code),
            Coordination.CoordinationRequests.Outcome.AlreadySent => Texts.Format("coordination.already-sent", code),
            _ => Texts.Format("coordination.no-match", code),
        };
        Matches = await find.RunAsync(query, ct);
        if (Input.PersonId is { } chosen && !Matches.Candidates.Any(c => c.PersonId == chosen))
        {
            Input.PersonId = null;
        }

        Prepare(scope);
        return Page();
    }

    private FindCandidates.Query PersonQuery(DateOnly today) =>
        new(
            Clean(Input.GivenName),
            Clean(Input.Surname),
            Clean(Input.Aliases),
            Domain.PartialDate.TryParse(Input.DateOfBirth, today, out var dob) ? dob : null,
            Clean(Input.PlaceOfBirth),
            ReportValidation.Sexes.GetValueOrDefault(Input.Sex?.Trim() ?? string.Empty, Sex.Unknown),
            Clean(Input.Address));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private ReportSubmission Submission() =>
        new()
        {
            Source = Input.Source,
            Territory = Input.Territory,
            ReporterName = Input.ReporterName,
            ReporterContact = Input.ReporterContact,
            Person = new ReportedPerson
            {
                GivenName = Input.GivenName,
                Surname = Input.Surname,
                Aliases = Input.Aliases,
                DateOfBirth = Input.DateOfBirth,
                PlaceOfBirth = Input.PlaceOfBirth,
                Sex = Input.Sex,
                Address = Input.Address,
            },
            Behaviours = Input.Behaviours,
            Narrative = Input.Narrative,
            Urgency = Input.Urgency,
            PersonId = Input.PersonId,
            Organisation = Input.Organisation,
            OrganisationType = Input.OrganisationType,
        };

    private PageResult Invalid(AccessScope scope, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            ModelState.AddModelError(FieldKeys.GetValueOrDefault(e.Field, string.Empty), Texts.Format(e.MessageKey, e.Args));
        }

        if (Input.PersonId is not null)
        {
            AttachedTo = $"{Input.Surname?.ToUpperInvariant()} {Input.GivenName}";
        }

        Prepare(scope);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private void Prepare(AccessScope scope)
    {
        TerritoryChoices = [.. Departements.All.Where(d => scope.CoversTerritory(d.Code))];
        CanSearch = scope.Can(Permissions.RegisterRead);
        CanCoordinate = CanSearch && scope.Can(Permissions.RegisterWrite);
        IsPartner = scope.Role == Roles.Partner;
    }

    public sealed class ReportInput
    {
        public Guid FormKey { get; set; }

        public Guid? PersonId { get; set; }

        public string? Source { get; set; }

        public string? Territory { get; set; }

        public string? ReporterName { get; set; }

        public string? ReporterContact { get; set; }

        public string? GivenName { get; set; }

        public string? Surname { get; set; }

        public string? Aliases { get; set; }

        public string? DateOfBirth { get; set; }

        public string? PlaceOfBirth { get; set; }

        public string? Sex { get; set; }

        public string? Address { get; set; }

        public List<string> Behaviours { get; set; } = [];

        public string? Narrative { get; set; }

        public string? Urgency { get; set; }

        public string? Organisation { get; set; }

        public string? OrganisationType { get; set; }
    }
}
