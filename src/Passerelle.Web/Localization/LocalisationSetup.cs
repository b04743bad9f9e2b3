using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Passerelle.Web.Localization;

internal static class LocalisationSetup
{
    public static readonly CultureInfo[] Cultures = [new("fr-FR"), new("en-GB")];

    /// <summary>
    /// The neutral languages too, so that "?culture=en" or "Accept-Language: en, en-US" are understood
    /// (fallback only goes from a specific culture to its parent, never from "en" to "en-GB").
    /// </summary>
    private static readonly CultureInfo[] Accepted = [.. Cultures, new("fr"), new("en")];

    /// <summary>French by default, whatever the browser says; English on request (language switch cookie, or ?culture=en).</summary>
    public static WebApplicationBuilder AddLocalisation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Texts>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Accepted;
            o.SupportedUICultures = Accepted;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                // Programs calling the API say which language they want; browsers get French unless the user switches.
                new CustomRequestCultureProvider(context => context.Request.Path.StartsWithSegments("/api")
                    ? new AcceptLanguageHeaderRequestCultureProvider().DetermineProviderCultureResult(context)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        return builder;
    }
}
