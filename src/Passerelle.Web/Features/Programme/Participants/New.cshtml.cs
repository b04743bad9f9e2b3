using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Programme.Participants;

/// <summary>
/// A referral by the probation service (SPIP) or the court (<c>/programme/participants/new</c>): the site (an open
/// site the worker covers), the person, the referring service and officer, the date, a note and the court-ordered
/// obligations (at least one; rows are added by a plain submit button, no script). The same name and year of birth
/// already live at the site is refused as a duplicate; nothing is created on any error.
/// </summary>
[Authorize(Policy = Permissions.ProgrammeWrite)]
internal sealed class NewModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock) : PageModel
{
    public const int MaxObligations = 20;

    [BindProperty]
    public ReferralInput Input { get; set; } = new();

    public IReadOnlyList<ProgrammeSite> OpenSites { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (OpenSites.Count == 1)
        {
            Input.Site = OpenSites[0].Code;
        }

        Input.ReferredOn = ProgrammeInput.Iso(Today);
        return Page();
    }

    /// <summary>Adds an empty obligation row and shows the form again (nothing is saved, no error is shown).</summary>
    public async Task<IActionResult> OnPostAddObligationAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(ct);
        if (Input.Obligations.Count < MaxObligations)
        {
            Input.Obligations.Add(new ObligationInput());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(ct);
        var today = Today;
        var errors = new List<FieldError>();
        var site = OpenSites.FirstOrDefault(s => s.Code == Input.Site?.Trim());
        if (string.IsNullOrWhiteSpace(Input.Site))
        {
            errors.Add(new("Input.Site", "error.required"));
        }
        else if (site is null)
        {
            errors.Add(new("Input.Site", "programme.error.site-not-open"));
        }

        var surname = ProgrammeInput.Name(errors, "Input.Surname", Input.Surname);
        var givenName = ProgrammeInput.Name(errors, "Input.GivenName", Input.GivenName);
        var birthYear = ProgrammeInput.BirthYear(errors, "Input.BirthYear", Input.BirthYear, today);
        var source = ProgrammeInput.Enum<ReferralSource>(errors, "Input.Source", Input.Source);
        if (source == ReferralSource.Panel)
        {
            errors.Add(new("Input.Source", "error.unknown-value"));
        }

        var service = ProgrammeInput.SingleLine(errors, "Input.Service", Input.Service, 120);
        if (service is null && !errors.Any(e => e.Field == "Input.Service"))
        {
            errors.Add(new("Input.Service", "error.required"));
        }

        var officer = ProgrammeInput.SingleLine(errors, "Input.Officer", Input.Officer, 70);
        var referredOn = ProgrammeInput.Date(errors, "Input.ReferredOn", Input.ReferredOn);
        if (referredOn is { } r && (r > today || r < today.AddYears(-2)))
        {
            errors.Add(new("Input.ReferredOn", "programme.error.referral-date"));
        }

        var note = ProgrammeInput.FreeText(errors, "Input.Note", Input.Note, ProgrammeParticipant.MaxTextLength);

        if (Input.Obligations.Count > MaxObligations)
        {
            errors.Add(new("Input.Obligations", "programme.error.too-many-obligations", MaxObligations));
        }

        var obligations = new List<(ObligationKind Kind, string? Detail, DateOnly StartsOn, DateOnly? EndsOn)>();
        for (var i = 0; i < Math.Min(Input.Obligations.Count, MaxObligations); i++)
        {
            var o = Input.Obligations[i];
            if (o.IsEmpty)
            {
                continue;
            }

            var prefix = $"Input.Obligations[{i}].";
            var before = errors.Count;
            var kind = ProgrammeInput.Enum<ObligationKind>(errors, prefix + "Kind", o.Kind);
            var detail = ProgrammeInput.SingleLine(errors, prefix + "Detail", o.Detail, CourtObligation.MaxDetailLength);
            var starts = ProgrammeInput.Date(errors, prefix + "StartsOn", o.StartsOn);
            var ends = ProgrammeInput.Date(errors, prefix + "EndsOn", o.EndsOn, required: false);
            if (errors.Count == before && CourtObligation.Check(kind!.Value, detail, starts!.Value, ends) is { } error)
            {
                errors.Add(ProgrammeInput.FromDomain(prefix + "EndsOn", error));
            }

            if (errors.Count == before)
            {
                obligations.Add((kind!.Value, detail, starts!.Value, ends));
            }
        }

        if (obligations.Count == 0 && !errors.Any(e => e.Field.StartsWith("Input.Obligations", StringComparison.Ordinal)))
        {
            errors.Add(new("Input.Obligations[0].Kind", "programme.error.obligation-required"));
        }

        if (errors.Count == 0 && await IsDuplicateAsync(site!.Code, surname!, givenName!, birthYear, ct))
        {
            errors.Add(new("Input.Surname", "programme.error.duplicate", site.Name));
        }

        if (errors.Count > 0)
        {
            if (Input.Obligations.Count == 0)
            {
                Input.Obligations.Add(new ObligationInput());
            }

            ProgrammeInput.AddTo(ModelState, errors);
            Response.StatusCode = errors.Any(e => e.MessageKey == "programme.error.duplicate") ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var participant = new ProgrammeParticipant
        {
            SiteCode = site!.Code,
            TerritoryCode = site.TerritoryCode,
            GivenName = givenName!,
            Surname = surname!,
            BirthYear = birthYear,
            Source = source!.Value,
            ReferringService = officer is null ? service : $"{service} — {officer}",
            ReferredOn = referredOn!.Value,
            ReferralNote = note,
            CreatedAt = now,
            CreatedById = actor.Scope.UserId ?? "unknown",
        };
        db.ProgrammeParticipants.Add(participant);
        foreach (var (kind, detail, startsOn, endsOn) in obligations)
        {
            var (obligation, error) = participant.AddObligation(kind, detail, startsOn, endsOn);
            db.CourtObligations.Add(obligation ?? throw new InvalidOperationException(error?.Code));
        }

        audit.Append("programme-participant.referred", nameof(ProgrammeParticipant), participant.Id, reason: $"{source}, {obligations.Count} obligation(s)", territory: participant.TerritoryCode);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = Texts.Get("programme.referral-recorded");
        return LocalRedirect($"/programme/participants/{participant.Id}");
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task LoadAsync(CancellationToken ct)
    {
        OpenSites = [.. (await ProgrammeSites.OfAsync(db, actor.Scope, ct)).Where(s => s.Status == SiteStatus.Open)];
        if (Input.Obligations.Count == 0)
        {
            Input.Obligations.Add(new ObligationInput());
        }
    }

    /// <summary>The same person (name folded for case and accents, same year of birth) referred or enrolled at the site now.</summary>
    private async Task<bool> IsDuplicateAsync(string site, string surname, string givenName, int? birthYear, CancellationToken ct)
    {
        var candidates = await db.ProgrammeParticipants.AsNoTracking()
            .Where(p => p.SiteCode == site && p.BirthYear == birthYear && (p.Status == ParticipantStatus.Referred || p.Status == ParticipantStatus.Enrolled))
            .Select(p => new { p.Surname, p.GivenName })
            .ToListAsync(ct);
        var (s, g) = (SearchText.Normalise(surname), SearchText.Normalise(givenName));
        return candidates.Any(c => SearchText.Normalise(c.Surname) == s && SearchText.Normalise(c.GivenName) == g);
    }

    internal sealed class ReferralInput
    {
        public string? Site { get; set; }

        public string? Surname { get; set; }

        public string? GivenName { get; set; }

        public string? BirthYear { get; set; }

        public string? Source { get; set; }

        public string? Service { get; set; }

        public string? Officer { get; set; }

        public string? ReferredOn { get; set; }

        public string? Note { get; set; }

        public List<ObligationInput> Obligations { get; set; } = [];
    }

    internal sealed class ObligationInput
    {
        public string? Kind { get; set; }

        public string? Detail { get; set; }

        public string? StartsOn { get; set; }

        public string? EndsOn { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Kind) && string.IsNullOrWhiteSpace(Detail) && string.IsNullOrWhiteSpace(StartsOn) && string.IsNullOrWhiteSpace(EndsOn);
    }
}
