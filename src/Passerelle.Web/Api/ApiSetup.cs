using Microsoft.AspNetCore.Http.Json;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

/// <summary>The JSON API under /api/v1: one route group per feature, each endpoint naming its permission.</summary>
internal static class ApiSetup
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1");
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var v1 = app.MapGroup("/api/v1").RequireAuthorization(SecuritySetup.ApiPolicy);
        v1.MapReports();
        v1.MapPersons();
        v1.MapCases();
        v1.MapDecisions();
        v1.MapCaseTimeline();
        v1.MapCareFlags();
        v1.MapStatistics();
        v1.MapEvaluation();
        Features.Assessments.AssessmentsApi.MapAssessments(v1);
        v1.MapCampaigns();
        v1.MapProgramme();
        v1.MapReleases();
        v1.MapMinors();
        v1.MapGet("/territories", () => Data.Departements.All.Select(d => new { d.Code, d.Name, d.Region }))
            .WithName("ListTerritories");
        return app;
    }
}
