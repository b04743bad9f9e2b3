using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Features.Panel.Campaigns;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Campaigns;

/// <summary>A national review campaign (the analyst): a required review of every open case in scope, in every département.</summary>
[Authorize(Policy = Permissions.CampaignsNational)]
internal sealed class NewModel(StartCampaign start) : PageModel
{
    [BindProperty]
    public CampaignInput Input { get; set; } = new();

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
        var result = await start.ExecuteAsync(Input, national: true, ct);
        switch (result.Outcome)
        {
            case StartCampaign.Outcome.Created:
                TempData["Message"] = Texts.Format("campaign.created", result.Cases);
                return LocalRedirect($"/campaigns/{result.CampaignId}");
            case StartCampaign.Outcome.AlreadyCreated:
                return LocalRedirect($"/campaigns/{result.CampaignId}");
            case StartCampaign.Outcome.Forbidden:
                return Forbid();
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field, Panel.Reviews.DueReviews.Message(error));
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
