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

namespace Passerelle.Web.Features.Programme.Releases;

/// <summary>
/// One release (<c>/programme/releases/{id}</c>), read under audit: link a participant of the site or describe a
/// takeover by another service, change the date (alerts that no longer apply are reset), mark it released or
/// cancelled. Each form carries the version read: a change made meanwhile wins, is shown, and nothing is saved.
/// </summary>
[Authorize(Policy = Permissions.ProgrammeRead)]
internal sealed class DetailsModel(ReleaseCalendar calendar, PasserelleDb db, AuditLog audit, CurrentActor actor) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? ParticipantId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? NewDate { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    public ReleaseCalendar.Row Release { get; private set; } = null!;

    public IReadOnlyList<ReleaseCalendar.ParticipantChoice> Choices { get; private set; } = [];

    public bool CanWrite { get; private set; }

    public string? Conflict { get; private set; }

    /// <summary>Which form the errors belong to ("participant", "note", "date", "settle").</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostParticipantAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "participant", async (release, errors) =>
    {
        if (string.IsNullOrWhiteSpace(ParticipantId))
        {
            if (release.ParticipantId is null)
            {
                return null;
            }

            release.UnlinkParticipant();
            return "participant unlinked";
        }

        if (!Guid.TryParse(ParticipantId.Trim(), out var participant) || !await calendar.IsLinkableAsync(participant, release.TerritoryCode, ct))
        {
            errors.Add(new("ParticipantId", "releases.error.participant"));
            return null;
        }

        if (release.ParticipantId == participant)
        {
            return null;
        }

        release.LinkParticipant(participant);
        return $"participant linked {participant}";
    }, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "note", (release, errors) =>
    {
        var note = ReportValidation.FreeText(errors, "Note", Note, PrisonRelease.MaxTextLength);
        if (errors.Count > 0 || note == release.TakeoverNote)
        {
            return Task.FromResult<string?>(null);
        }

        release.DescribeTakeover(note);
        return Task.FromResult<string?>(note is null ? "takeover note removed" : "takeover note");
    }, ct);

    public Task<IActionResult> OnPostDateAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "date", (release, errors) =>
    {
        var today = calendar.Today;
        var date = ReleaseCalendar.Date(errors, "NewDate", NewDate, today);
        if (date is not { } d || d == release.ReleaseOn)
        {
            return Task.FromResult<string?>(null);
        }

        var before = release.ReleaseOn;
        release.Reschedule(d, today);
        return Task.FromResult<string?>($"date {before:yyyy-MM-dd} → {d:yyyy-MM-dd}");
    }, ct);

    public Task<IActionResult> OnPostSettleAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "settle", (release, errors) =>
    {
        ReleaseStatus? outcome = Outcome?.Trim() switch
        {
            "released" => ReleaseStatus.Released,
            "cancelled" => ReleaseStatus.Cancelled,
            _ => null,
        };
        if (outcome is not { } o)
        {
            errors.Add(new("Outcome", "error.unknown-value"));
            return Task.FromResult<string?>(null);
        }

        release.Settle(o);
        return Task.FromResult<string?>(o == ReleaseStatus.Released ? "released" : "cancelled");
    }, ct);

    private async Task<IActionResult> ChangeAsync(Guid id, string form, Func<PrisonRelease, List<FieldError>, Task<string?>> change, CancellationToken ct)
    {
        var versionUnreadable = ModelState.ErrorFor(nameof(Version)) is not null;
        ModelState.Clear();
        var release = await db.PrisonReleases.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (release is null)
        {
            return NotFound();
        }

        if (versionUnreadable || release.Version != Version)
        {
            return await ShowConflictAsync(id, ct);
        }

        if (!actor.Scope.Can(Permissions.ProgrammeWrite))
        {
            return Forbid();
        }

        var errors = new List<FieldError>();
        if (release.Status != ReleaseStatus.Expected)
        {
            errors.Add(new(string.Empty, "releases.error.settled"));
        }

        var what = errors.Count == 0 ? await change(release, errors) : null;
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
            }

            FailedForm = form;
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (what is not null)
        {
            audit.Append("prison-release.updated", nameof(PrisonRelease), release.Id, reason: what.StartsWith("takeover note", StringComparison.Ordinal) ? "takeover note" : what, territory: release.TerritoryCode);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return await ShowConflictAsync(id, ct);
            }
        }

        TempData["Message"] = Texts.Get(what is null ? "releases.unchanged" : "releases.saved");
        return LocalRedirect($"/programme/releases/{id}");
    }

    private async Task<IActionResult> ShowConflictAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Conflict = Texts.Get("releases.error.conflict");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var release = await calendar.ReadAsync(id, ct);
        if (release is null)
        {
            return false;
        }

        Release = release;
        Version = release.Version;
        CanWrite = actor.Scope.Can(Permissions.ProgrammeWrite) && release.Status == ReleaseStatus.Expected;
        if (CanWrite)
        {
            Choices = await calendar.ParticipantChoicesAsync(release.Territory, ct);
        }

        // The form that failed keeps what was typed; the others show what is stored.
        if (FailedForm != "participant")
        {
            ParticipantId = release.ParticipantId?.ToString();
        }

        if (FailedForm != "note")
        {
            Note = release.TakeoverNote;
        }

        if (FailedForm != "date")
        {
            NewDate = release.ReleaseOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return true;
    }
}
