using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Minors;

/// <summary>
/// <c>/minors/{id}</c>: the protocol for the panel of its territory — its fields (editable, version-checked), the
/// mandatory reviews (record one: date, attendees, summary, next review), the review history and the end of the
/// protocol with its reason. Each load is audited (<c>minor.read</c>); clinicians never reach this page.
/// </summary>
[Authorize(Policy = Permissions.MinorsWrite)]
internal sealed class DetailsModel(MinorProtocols protocols) : PageModel
{
    public sealed class ReviewInput
    {
        public string? HeldOn { get; set; }

        public string? Attendees { get; set; }

        public string? Summary { get; set; }

        public string? NextReviewOn { get; set; }

        public int Version { get; set; }
    }

    public sealed class EndInput
    {
        public string? EndedOn { get; set; }

        public string? Reason { get; set; }

        public string? Detail { get; set; }

        public int Version { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    [BindProperty]
    public ProtocolInput Input { get; set; } = new();

    [BindProperty]
    public ReviewInput Review { get; set; } = new();

    [BindProperty]
    public EndInput End { get; set; } = new();

    public MinorProtocols.Protocol? Protocol { get; private set; }

    public DateOnly Today => protocols.Today;

    /// <summary>Which form the errors belong to ("edit", "review", "end"), so the page opens it.</summary>
    public string? Form { get; private set; }

    public bool Stale { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(CancellationToken ct)
    {
        var (outcome, errors) = await protocols.UpdateAsync(Id, Input, ct);
        return await AfterAsync(outcome, errors, "edit", "minors.updated", ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        var (outcome, errors) = await protocols.ReviewAsync(Id, Review.Version, Review.HeldOn, Review.Attendees, Review.Summary, Review.NextReviewOn, ct);
        return await AfterAsync(outcome, errors, "review", "minors.reviewed", ct);
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        var (outcome, errors) = await protocols.EndAsync(Id, End.Version, End.EndedOn, End.Reason, End.Detail, ct);
        return await AfterAsync(outcome, errors, "end", "minors.ended-message", ct);
    }

    private async Task<IActionResult> AfterAsync(MinorProtocols.Outcome outcome, IReadOnlyList<FieldError> errors, string form, string done, CancellationToken ct)
    {
        switch (outcome)
        {
            case MinorProtocols.Outcome.Done:
                TempData["Message"] = Localization.Texts.Get(done);
                return LocalRedirect($"/minors/{Id}");
            case MinorProtocols.Outcome.Forbidden:
                return Forbid();
            case MinorProtocols.Outcome.NotFound:
                return NotFound();
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Form = form;
        if (outcome == MinorProtocols.Outcome.Conflict)
        {
            // The form is shown again with what is stored now; what the user typed is dropped.
            Stale = true;
            ModelState.Clear();
            Fill();
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, MinorProtocols.Message(error));
        }

        // The other forms show what is stored; the one posted keeps what the user typed (and the version it was read at).
        var (input, review, end) = (Input, Review, End);
        Fill();
        switch (form)
        {
            case "edit":
                Input = input;
                break;
            case "review":
                Review = review;
                break;
            default:
                End = end;
                break;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Protocol = await protocols.LoadAsync(Id, ct);
        return Protocol is not null;
    }

    private void Fill()
    {
        var m = Protocol!.Minor;
        Input = new ProtocolInput
        {
            ReturnedOn = Iso(m.ReturnedOn),
            Guardianship = m.Guardianship,
            Measure = m.Measure.ToString(),
            MeasureDetail = m.MeasureDetail,
            MeasureOrderedOn = m.MeasureOrderedOn is { } o ? Iso(o) : null,
            HealthAssessment = m.HealthAssessment.ToString(),
            HealthAssessmentOn = m.HealthAssessmentOn is { } h ? Iso(h) : null,
            HealthSummary = m.HealthSummary,
            Schooling = m.Schooling.ToString(),
            SchoolingDetail = m.SchoolingDetail,
            FamilySituation = m.FamilySituation,
            MultiAgencyPlan = m.MultiAgencyPlan,
            ReviewIntervalMonths = m.ReviewIntervalMonths.ToString(CultureInfo.InvariantCulture),
            Version = m.Version,
        };
        Review = new ReviewInput { HeldOn = Iso(Today), NextReviewOn = Iso(Today.AddMonths(m.ReviewIntervalMonths)), Version = m.Version };
        End = new EndInput { EndedOn = Iso(Today), Version = m.Version };
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
