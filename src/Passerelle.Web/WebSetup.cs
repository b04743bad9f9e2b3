using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Cases;
using Passerelle.Web.Features.PublicForms;
using Passerelle.Web.Features.Reports;

namespace Passerelle.Web;

/// <summary>Pages, pipeline and health endpoints: the parts of Program.cs that are not a feature of their own.</summary>
internal static class WebSetup
{
    public static WebApplicationBuilder AddWebPages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditLog>();
        services.AddSingleton(sp => Features.Retention.RetentionRules.From(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<Features.Retention.RetentionJob>();
        if (builder.Configuration.GetValue("Retention:RunInBackground", true))
        {
            services.AddHostedService<Features.Retention.RetentionWorker>();
        }

        services.AddScoped<RecordReport>();
        services.AddScoped<FindCandidates>();
        if (builder.Configuration.GetValue("Matching:ReindexInBackground", true))
        {
            services.AddHostedService<MatchIndexWorker>(); // re-indexes the register after an engine upgrade
        }

        services.AddScoped<Features.Coordination.CoordinationRequests>();
        services.AddScoped<Features.Triage.TriageReport>();
        services.AddScoped<Features.Sectarian.SectarianReferrals>();
        services.AddScoped<TransitionCase>();
        services.AddScoped<Features.Panel.Decisions.RecordDecision>();
        services.AddScoped<Features.Cases.CaseTimeline>();
        services.AddScoped<Features.Cases.CaseCompartmentFlags>();
        services.AddScoped<Features.Panel.Transfers.SettleTransfer>();
        services.AddScoped<Features.Register.RegisterSearch>();
        services.AddScoped<Features.Persons.PersonFile>();
        services.AddPublicForms(builder.Configuration);
        services.AddScoped<Features.Statistics.ReportStatistics>();
        services.AddScoped<Features.Evaluation.ProgrammeEvaluation>();
        Features.Assessments.AssessmentsSetup.AddAssessments(services);
        Features.Panel.Reviews.ReviewsSetup.AddPanelReviews(services, builder.Configuration);
        Features.Programme.Releases.ReleasesSetup.AddReleases(services, builder.Configuration);
        Features.Minors.MinorsSetup.AddMinors(services, builder.Configuration);
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.AddProblemDetails();

        // French text is served as UTF-8 characters, not as HTML entities (the encoder still escapes markup).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        return builder;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<Security.CurrentActor>().ActAs(Security.AccessScope.System);
        var db = services.GetRequiredService<PasserelleDb>();
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await db.MigrateAsync();

            // Reference data every installation starts with (an example assessment grid), added once.
            await Features.Assessments.AssessmentGridSeed.EnsureAsync(db, services.GetRequiredService<TimeProvider>());
        }

        if (app.Configuration.GetValue("Demo:SeedOnFirstStart", false))
        {
            await DemoSeed.RunAsync(services);
        }
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages(); // 401, 403, 404, 415 from the framework also answer with problem details
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages =>
        {
            pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next();
        });
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UsePublicForms(); // rate limits and size guard of the anonymous forms
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        app.MapRazorPages();

        // The language switch: remembers the choice for a year and returns to the page.
        app.MapPost("/culture", (HttpContext context, string culture, string? returnUrl) =>
        {
            var chosen = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en-GB" : "fr-FR";
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            var target = returnUrl is { Length: > 0 } && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl
                : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous();
        return app;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    private sealed class DatabaseHealthCheck(PasserelleDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}
