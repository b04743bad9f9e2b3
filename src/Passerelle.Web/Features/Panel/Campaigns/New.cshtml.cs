using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Campaigns;

/// <summary>A departmental review campaign, started by the panel's chair: every open case of the département in scope.</summary>
[Authorize(Policy = Permissions.PanelChair)]
internal sealed class NewModel(StartCampaign start) : PageModel
{
    [BindProperty]
    public CampaignInput Input { get; set; } = new();

    public IReadOnlyList<string> Territories => AccessScope.From(User).Territories;

    public DateOnly Today => start.Today;

    public void OnGet()
    {
        Input.FormKey = Guid.CreateVersion7();
        Input.Statuses = ["Followed"];
        Input.Deadline = Today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await start.ExecuteAsync(Input, national: false, ct);
        switch (result.Outcome)
        {
            case StartCampaign.Outcome.Created:
                TempData["Message"] = Texts.Format("campaign.created", result.Cases);
                return LocalRedirect($"/panel/campaigns/{result.CampaignId}");
            case StartCampaign.Outcome.AlreadyCreated:
                return LocalRedirect($"/panel/campaigns/{result.CampaignId}");
            case StartCampaign.Outcome.Forbidden:
                return Forbid();
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field, Reviews.DueReviews.Message(error));
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
