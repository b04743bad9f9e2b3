using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Passerelle.Web.Features.PublicForms;

/// <summary>The privacy notice of the public forms: what is kept, who reads it, for how long, and the sender's rights.</summary>
[AllowAnonymous]
internal sealed class PrivacyModel : PageModel;
