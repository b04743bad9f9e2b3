using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Retention;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Care;

/// <summary>
/// A referral from the panel, as the unit received it (name, year of birth, minor, the panel's rationale). While
/// it waits: record consent (the person's, or the named guardians' for a minor: <see cref="CarePlan.Open"/> refuses
/// otherwise) which opens the plan, or record a refusal (the referral is declined, no plan). Read and writes audited;
/// the referral's version guards against a second worker settling it at the same time.
/// </summary>
[Authorize(Policy = Permissions.CareRead)]
internal sealed class ReferralModel(PasserelleDb db, AuditLog audit, TimeProvider clock, RetentionRules rules) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    public CareReferral? Referral { get; private set; }

    public Guid? PlanId { get; private set; }

    public string? Conflict { get; private set; }

    [BindProperty]
    public bool ConsentRecorded { get; set; }

    [BindProperty]
    public string? GivenBy { get; set; }

    [BindProperty]
    public string? Guardians { get; set; }

    [BindProperty]
    public string? GivenOn { get; set; }

    [BindProperty]
    public string? DeclineNote { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public bool CanWrite => AccessScope.From(User).Can(Permissions.CareWrite);

    public string Today => CareInput.Iso(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        audit.Append("care.referral.read", nameof(CareReferral), id, territory: Referral!.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid id, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        ModelState.Clear();
        var referral = await db.CareReferrals.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Version != Version || referral.Status != CareReferralStatus.Waiting)
        {
            return await ConflictAsync(id, "care-plan.error.referral-settled", ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        ConsentGivenBy? by = GivenBy switch { "person" => ConsentGivenBy.Person, "guardians" => ConsentGivenBy.Guardians, _ => null };
        var givenOn = CareInput.Day(GivenOn);
        if (!ConsentRecorded)
        {
            ModelState.AddModelError(nameof(ConsentRecorded), Texts.Get("care-plan.error.consent-required"));
        }

        if (by is null)
        {
            ModelState.AddModelError(nameof(GivenBy), Texts.Get("care-plan.error.given-by"));
        }

        if (givenOn is null)
        {
            ModelState.AddModelError(nameof(GivenOn), Texts.Get("care-plan.error.date"));
        }

        if (ModelState.IsValid)
        {
            var (plan, error) = CarePlan.Open(referral, ConsentRecorded, by!.Value, Guardians, givenOn!.Value, ActorId, now);
            if (error is not null)
            {
                var field = error switch
                {
                    CareGuardiansConsentRequired or CareTextTooLong => nameof(Guardians),
                    CareDateOutOfRange => nameof(GivenOn),
                    _ => nameof(ConsentRecorded),
                };
                ModelState.AddModelError(field, CareErrors.Message(error));
            }
            else
            {
                db.CarePlans.Add(plan!);
                audit.Append("care.plan.opened", nameof(CarePlan), plan!.Id, reason: "consent " + plan.ConsentGivenBy, territory: plan.TerritoryCode);
                if (await CareSave.TryAsync(db, ct))
                {
                    Message = Texts.Get("care-plan.opened");
                    return LocalRedirect($"/care/plans/{plan.Id}");
                }

                return await ConflictAsync(id, "care-plan.error.referral-settled", ct);
            }
        }

        db.ChangeTracker.Clear();
        audit.Append("care.referral.consent", nameof(CareReferral), id, AuditLog.Failure, reason: "invalid", territory: referral.TerritoryCode);
        await db.SaveChangesAsync(ct);
        await LoadAsync(id, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        ModelState.Clear();
        var referral = await db.CareReferrals.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Version != Version || referral.Status != CareReferralStatus.Waiting)
        {
            return await ConflictAsync(id, "care-plan.error.referral-settled", ct);
        }

        var note = CareInput.Text(DeclineNote);
        if (note is null)
        {
            ModelState.AddModelError(nameof(DeclineNote), Texts.Get("care-plan.error.decline-note"));
        }
        else if (note.Length > CarePlan.MaxNoteLength)
        {
            ModelState.AddModelError(nameof(DeclineNote), Texts.Format("care-plan.error.too-long", CarePlan.MaxNoteLength));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        referral.Status = CareReferralStatus.Declined;
        referral.DeclineNote = note;
        referral.SettledAt = clock.GetUtcNow().UtcDateTime;
        audit.Append("care.referral.declined", nameof(CareReferral), id, territory: referral.TerritoryCode);
        if (!await CareSave.TryAsync(db, ct))
        {
            return await ConflictAsync(id, "care-plan.error.referral-settled", ct);
        }

        Message = Texts.Get("care-plan.declined");
        return LocalRedirect("/care");
    }

    /// <summary>The retention a plan gets when it ends (shown on the consent form so the person can be told).</summary>
    public int RetentionYears => (int)Math.Round(rules.EndedCarePlan.TotalDays / 365.25);

    private string ActorId => AccessScope.From(User).UserId ?? "system";

    private async Task<IActionResult> ConflictAsync(Guid id, string key, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Conflict = Texts.Get(key);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Referral = await db.CareReferrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (Referral is null)
        {
            return false;
        }

        PlanId = await db.CarePlans.Where(p => p.ReferralId == id).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        return true;
    }
}
