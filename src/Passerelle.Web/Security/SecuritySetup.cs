using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Passerelle.Web.Data;

namespace Passerelle.Web.Security;

internal static class SecuritySetup
{
    /// <summary>Chooses the token handler for "Authorization: Bearer" requests, the sign-in cookie otherwise.</summary>
    private const string SmartScheme = "cookie-or-token";

    /// <summary>Signed in, second factor not yet required: only the two-factor enrolment page uses it.</summary>
    public const string SignedInPolicy = "signed-in";

    /// <summary>The API: personal access tokens only (no cookie, hence no cross-site request forgery), any role.</summary>
    public const string ApiPolicy = "api";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        DatabaseXmlRepository.AddTo(services);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(o =>
            {
                // ANSSI guidance for passwords guarding sensitive data: long, varied, with lockout.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddEntityFrameworkStores<PasserelleDb>();

        // A role or territory change takes effect within a minute; the second factor survives the refresh.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.HasClaim(TwoFactor.AmrClaim, TwoFactor.MfaValue) == true
                    && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(TwoFactor.AmrClaim, TwoFactor.MfaValue));
                }

                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "passerelle";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
        });

        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        // Deny by default: a page or route without its own policy needs a signed-in user who has passed
        // the second factor their role requires; [Authorize] alone means the same.
        var staff = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(PermissionRequirement.SignedIn).Build();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(staff)
            .SetDefaultPolicy(staff)
            .AddPolicy(SignedInPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().AddRequirements(PermissionRequirement.SignedIn));
        foreach (var permission in Permissions.RolesByPermission.Keys)
        {
            services.AddAuthorizationBuilder()
                .AddPolicy(permission, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }

        return builder;
    }

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
