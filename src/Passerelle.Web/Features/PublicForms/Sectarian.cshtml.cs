using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.PublicForms;

/// <summary>
/// "Saisir la Miviludes": a request for information or advice, or a report of a sectarian drift, on one
/// page. Stored by <see cref="RecordSectarianReferral"/> once per form key; only a receipt number comes back.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicFormsRateLimitPolicy.Name)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
internal sealed class SectarianModel(RecordSectarianReferral record, PublicFormKeys keys) : PageModel
{
    private static readonly Dictionary<string, string> FieldKeys = new(StringComparer.Ordinal)
    {
        ["kind"] = "Input.Kind",
        ["groupOrPractice"] = "Input.GroupOrPractice",
        ["senderRelation"] = "Input.SenderRelation",
        ["criteria"] = "Input.Criteria",
        ["narrative"] = "Input.Narrative",
        ["contactName"] = "Input.ContactName",
        ["contactEmail"] = "Input.ContactEmail",
        ["contactPhone"] = "Input.ContactPhone",
        ["region"] = "Input.Region",
        ["consent"] = "Input.Consent",
    };

    [BindProperty]
    public SectarianInput Input { get; set; } = new();

    public bool Refused { get; private set; }

    public static string ReceiptUrl(string receipt) => "/derives-sectaires/recu?numero=" + Uri.EscapeDataString(receipt);

    public void OnGet() => Input = new SectarianInput { FormKey = Guid.NewGuid() };

    /// <summary>A post without the send handler stores nothing: back to a new form.</summary>
    public IActionResult OnPost() => LocalRedirect("/derives-sectaires");

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

        var (valid, errors) = RecordSectarianReferral.Validate(new RecordSectarianReferral.Submission(
            Input.Kind, Input.GroupOrPractice, Input.SenderRelation, Input.Criteria, Input.Narrative,
            Input.ContactName, Input.ContactEmail, Input.ContactPhone, Input.Region, Input.Consent));
        if (Input.FormKey == Guid.Empty)
        {
            ModelState.AddModelError(string.Empty, Texts.Get("publicforms.error.form-key"));
        }

        foreach (var e in errors)
        {
            ModelState.AddModelError(FieldKeys.GetValueOrDefault(e.Field, string.Empty), Texts.Format(e.MessageKey, e.Args));
        }

        if (valid is null || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var receipt = await record.ExecuteAsync(valid, Input.FormKey, ct);
        return LocalRedirect(ReceiptUrl(receipt));
    }

    public sealed class SectarianInput
    {
        public Guid FormKey { get; set; }

        /// <summary>The honeypot ("leave empty").</summary>
        public string? Website { get; set; }

        public string? Kind { get; set; }

        public string? GroupOrPractice { get; set; }

        public string? SenderRelation { get; set; }

        public List<string> Criteria { get; set; } = [];

        public string? Narrative { get; set; }

        public string? ContactName { get; set; }

        public string? ContactEmail { get; set; }

        public string? ContactPhone { get; set; }

        public string? Region { get; set; }

        public bool Consent { get; set; }
    }
}
