using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// One assessment: the grid's items by domain, each rated present / partly present / absent / unknown with its evidence
/// and source, and the overall narrative judgement. Saved as a draft or completed; a completed one is read-only.
/// </summary>
[Authorize(Policy = Permissions.AssessmentsWrite)]
internal sealed class RecordModel(AssessmentFile file, RecordAssessment record) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public AssessmentInput Input { get; set; } = new();

    public AssessmentFile.Detail Detail { get; private set; } = null!;

    /// <summary>The values shown in the form, by item: the posted ones after an error, the stored ones otherwise.</summary>
    public Dictionary<Guid, RatingInput> Values { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var detail = await file.GetAsync(id, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Show(detail, keepInput: false);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => SaveAsync(id, complete: false, ct);

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct) => SaveAsync(id, complete: true, ct);

    private async Task<IActionResult> SaveAsync(Guid id, bool complete, CancellationToken ct)
    {
        var versionUnreadable = ModelState.ErrorFor("Input.Version") is not null;
        var unreadable = ModelState.Where(e => e.Value!.Errors.Count > 0 && e.Key != "Input.Version").Select(e => e.Key).ToList();
        ModelState.Clear();
        if (unreadable.Count > 0)
        {
            foreach (var key in unreadable)
            {
                ModelState.AddModelError(key, Texts.Get("error.unknown-value"));
            }

            return await ShowAgainAsync(id, StatusCodes.Status422UnprocessableEntity, keepInput: false, ct);
        }

        var result = versionUnreadable ? new RecordAssessment.Result(RecordAssessment.Outcome.Conflict) : await record.SaveAsync(id, Input, complete, ct);
        switch (result.Outcome)
        {
            case RecordAssessment.Outcome.Done:
                Message = Texts.Get(complete ? "assessment.completed" : "assessment.saved");
                return LocalRedirect($"/assessments/{id}");
            case RecordAssessment.Outcome.NotFound:
                return NotFound();
            case RecordAssessment.Outcome.Completed:
                ModelState.AddModelError(string.Empty, Texts.Get("assessment.error.completed"));
                return await ShowAgainAsync(id, StatusCodes.Status409Conflict, keepInput: false, ct);
            case RecordAssessment.Outcome.Conflict:
                ModelState.AddModelError(string.Empty, Texts.Get("assessment.error.conflict"));
                return await ShowAgainAsync(id, StatusCodes.Status409Conflict, keepInput: false, ct);
            default:
                foreach (var e in result.Errors ?? [])
                {
                    ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
                }

                return await ShowAgainAsync(id, StatusCodes.Status422UnprocessableEntity, keepInput: true, ct);
        }
    }

    private async Task<IActionResult> ShowAgainAsync(Guid id, int status, bool keepInput, CancellationToken ct)
    {
        var detail = await file.GetAsync(id, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Response.StatusCode = status;
        Show(detail, keepInput);
        return Page();
    }

    private void Show(AssessmentFile.Detail detail, bool keepInput)
    {
        Detail = detail;
        Values = detail.Domains.SelectMany(d => d.Items).ToDictionary(i => i.ItemId, i => new RatingInput
        {
            ItemId = i.ItemId, Rating = i.Rating.ToString(), Evidence = i.Evidence, Source = i.Source,
        });
        if (keepInput)
        {
            foreach (var posted in Input.Ratings.Where(r => Values.ContainsKey(r.ItemId)))
            {
                Values[posted.ItemId] = posted;
            }
        }
        else
        {
            Input.Narrative = detail.Narrative;
        }

        Input.Version = detail.Version;
    }

    /// <summary>The form index of an item (its position among all the grid's items), so field names and error keys agree.</summary>
    public int IndexOf(Guid itemId) => Detail.Domains.SelectMany(d => d.Items).Select((item, n) => (item, n)).First(x => x.item.ItemId == itemId).n;

    public static bool IsChecked(RatingInput value, ItemRating rating) => RatingWords.Parse(value.Rating) == rating || (RatingWords.Parse(value.Rating) is null && rating == ItemRating.Unknown);
}
