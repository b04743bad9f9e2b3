using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.PublicForms;

/// <summary>Limits of the public forms, from the "PublicForms" configuration section (tests lower or raise them).</summary>
internal sealed class PublicFormsOptions
{
    /// <summary>Submissions (the final "send") per client and window.</summary>
    public int PermitLimit { get; set; } = 5;

    /// <summary>Other requests (pages, steps) per client and window.</summary>
    public int BrowsePermitLimit { get; set; } = 120;

    public int WindowSeconds { get; set; } = 600;
}

/// <summary>
/// The two public doors (no sign-in): radicalisation concern form and Miviludes referral form, their
/// rate limits per client address, request size guard and idempotent recording.
/// </summary>
internal static class PublicFormsSetup
{
    /// <summary>64 KB: the longest honest form (4,000 characters of free text, all escaped) stays well below.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Free texts of the public forms: long enough to tell what happened, short enough for the body limit.</summary>
    public const int MaxNarrative = 4000;

    /// <summary>The URL prefixes of the public forms, guarded by <see cref="UsePublicForms"/>.</summary>
    private static readonly string[] Paths = ["/signalement", "/derives-sectaires"];

    public static IServiceCollection AddPublicForms(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PublicFormsOptions>(configuration.GetSection("PublicForms"));
        services.AddScoped<PublicFormKeys>();
        services.AddScoped<RecordSectarianReferral>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, PublicFormsRateLimitPolicy>(PublicFormsRateLimitPolicy.Name);
        });
        return services;
    }

    /// <summary>Rate limiting (endpoints carrying the policy), then the size and content-type guard of the public forms' posts.</summary>
    public static IApplicationBuilder UsePublicForms(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        app.UseWhen(c => HttpMethods.IsPost(c.Request.Method) && Paths.Any(p => c.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)), guarded =>
            guarded.Use(async (context, next) =>
            {
                if (!await AcceptBodyAsync(context))
                {
                    return;
                }

                await next();
            }));
        return app;
    }

    /// <summary>
    /// Plain form posts only (no file, no multipart) of at most <see cref="MaxBodyBytes"/>. A body without a
    /// declared length is read up to the limit here, so the limit holds on every server.
    /// </summary>
    private static async Task<bool> AcceptBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "publicforms.too-large-title", "publicforms.too-large-text");
            return false;
        }

        if (request.ContentLength is > 0 or null && !(request.ContentType ?? string.Empty).StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "publicforms.unsupported-title", "publicforms.unsupported-text");
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        if (request.ContentLength is null)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "publicforms.too-large-title", "publicforms.too-large-text");
                    return false;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            request.Body = buffer;
            context.Response.RegisterForDisposeAsync(buffer);
        }

        return true;
    }

    /// <summary>A short, self-contained page in French then English: nothing was recorded, and what to do.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string titleKey, string textKey, string? retryAfterSeconds = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (retryAfterSeconds is not null)
        {
            response.Headers.RetryAfter = retryAfterSeconds;
        }

        var encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string Text(string language, string key)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            try
            {
                return encoder.Encode(Texts.Get(key));
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
            }
        }

        var html = $"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Text("fr-FR", titleKey)} — {Text("fr-FR", "app.name")}</title>
            <link rel="stylesheet" href="/lib/dsfr/dsfr.min.css"></head>
            <body><main class="fr-container fr-my-4w" id="content">
            <h1>{Text("fr-FR", titleKey)}</h1><p>{Text("fr-FR", textKey)}</p>
            <div lang="en"><h2>{Text("en-GB", titleKey)}</h2><p>{Text("en-GB", textKey)}</p></div>
            <p><a class="fr-link" href="/">{Text("fr-FR", "publicforms.back-home")}</a></p>
            </main></body></html>
            """;
        await response.WriteAsync(html, context.RequestAborted);
    }
}

/// <summary>
/// Per client address: a strict window for submissions (a POST with <c>handler=send</c>, the only posts
/// that store anything) and a looser one for the pages and the steps.
/// </summary>
internal sealed class PublicFormsRateLimitPolicy(IOptions<PublicFormsOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "public-forms";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
            : options.Value.WindowSeconds.ToString(CultureInfo.InvariantCulture);
        return new ValueTask(PublicFormsSetup.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "publicforms.too-many-title", "publicforms.too-many-text", retryAfter));
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var limits = options.Value;
        var client = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds));
        var sending = HttpMethods.IsPost(httpContext.Request.Method)
            && string.Equals(httpContext.Request.Query["handler"], "send", StringComparison.OrdinalIgnoreCase);
        return sending
            ? RateLimitPartition.GetFixedWindowLimiter("send:" + client, _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, limits.PermitLimit), Window = window, QueueLimit = 0 })
            : RateLimitPartition.GetFixedWindowLimiter("page:" + client, _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, limits.BrowsePermitLimit), Window = window, QueueLimit = 0 });
    }
}
