using Passerelle.Web.Features.Admin.Grids;

namespace Passerelle.Web.Features.Assessments;

internal static class AssessmentsSetup
{
    /// <summary>The services of structured assessments and of their grids.</summary>
    public static IServiceCollection AddAssessments(this IServiceCollection services) => services
        .AddScoped<AssessmentSubjects>()
        .AddScoped<AssessmentFile>()
        .AddScoped<RecordAssessment>()
        .AddScoped<GridEditing>();
}
