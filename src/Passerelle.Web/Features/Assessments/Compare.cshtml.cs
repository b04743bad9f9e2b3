using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// A case's completed assessments side by side, item by item (matched by item code across grid editions), with a mark
/// where a rating changed from one assessment to the next. No total, no count, no score (red line 1): the panel reads
/// what changed and why, in the assessors' words.
/// </summary>
[Authorize(Policy = Permissions.AssessmentsWrite)]
internal sealed class CompareModel(AssessmentFile file) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? CaseId { get; set; }

    public AssessmentFile.Comparison Comparison { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CaseId is not { } id)
        {
            return NotFound();
        }

        var comparison = await file.CompareAsync(id, ct);
        if (comparison is null)
        {
            return NotFound();
        }

        Comparison = comparison;
        return Page();
    }
}
