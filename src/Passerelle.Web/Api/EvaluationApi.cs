using Passerelle.Web.Features.Evaluation;
using Passerelle.Web.Features.Statistics;
using Passerelle.Web.Security;

namespace Passerelle.Web.Api;

/// <summary>
/// The outcome evaluation as JSON (analyst, <c>evaluation.read</c>). What the API returns leaves the screen, so it is
/// always suppressed as the CSV is: a hidden count has <c>value: null</c> and <c>suppression: "small"</c> (1 to 4) or
/// <c>"secondary"</c>, and a proportion or interval computed on a hidden count is withheld (<c>withheld: true</c>,
/// values null). Proportions and bounds are fractions in [0, 1].
/// <list type="bullet">
/// <item><c>GET /api/v1/evaluation/recidivism?site=&amp;cohort=[&amp;offence=]</c>: the comparison table (sites × cohorts).</item>
/// <item><c>GET /api/v1/evaluation/survival?site=[&amp;cohort=&amp;offence=]</c>: the Kaplan–Meier curves per site at yearly points.</item>
/// </list>
/// </summary>
internal static class EvaluationApi
{
    public static void MapEvaluation(this RouteGroupBuilder v1)
    {
        var evaluation = v1.MapGroup("/evaluation").WithTags("Evaluation").RequireAuthorization(Permissions.EvaluationRead);
        evaluation.MapGet("/recidivism", GetRecidivismAsync).WithName("GetRecidivism").ProducesValidationProblem();
        evaluation.MapGet("/survival", GetSurvivalAsync).WithName("GetSurvival").ProducesValidationProblem();
    }

    private static async Task<IResult> GetRecidivismAsync(HttpContext context, ProgrammeEvaluation evaluation, TimeProvider clock, CancellationToken ct)
    {
        var (report, failed) = await RunAsync(context, evaluation, clock, ct);
        if (report is null)
        {
            return failed!;
        }

        var published = EvaluationPublication.Publish(report, suppress: true);
        return TypedResults.Ok(new
        {
            filter = Filter(report.Filter),
            computedOn = report.Today,
            suppression = new { applied = true, threshold = SmallCountSuppression.Threshold },
            confidence = 0.95,
            interval = "clopper-pearson",
            rows = published.Rows.Select(Row),
            total = published.Total is { } t ? Row(t) : null,
        });
    }

    private static async Task<IResult> GetSurvivalAsync(HttpContext context, ProgrammeEvaluation evaluation, TimeProvider clock, CancellationToken ct)
    {
        var (report, failed) = await RunAsync(context, evaluation, clock, ct);
        if (report is null)
        {
            return failed!;
        }

        var published = EvaluationPublication.Publish(report, suppress: true);
        return TypedResults.Ok(new
        {
            filter = Filter(report.Filter),
            computedOn = report.Today,
            suppression = new { applied = true, threshold = SmallCountSuppression.Threshold },
            confidence = 0.95,
            band = "log-log",
            pointEveryMonths = EvaluationPublication.PointEveryMonths,
            curves = published.Curves.Select(c => new
            {
                site = c.Site,
                city = c.City,
                participants = Cell(c.Subjects),
                offences = Cell(c.Events),
                medianMonths = c.MedianMonths,
                medianWithheld = c.MedianWithheld,
                points = c.Points.Select(p => new
                {
                    months = p.Months,
                    atRisk = Cell(p.AtRisk),
                    offencesSoFar = Cell(p.Events),
                    survival = p.Survival,
                    lower = p.Lower,
                    upper = p.Upper,
                    withheld = p.Withheld,
                }),
            }),
        });
    }

    private static async Task<(EvaluationReport? Report, IResult? Failed)> RunAsync(HttpContext context, ProgrammeEvaluation evaluation, TimeProvider clock, CancellationToken ct)
    {
        var (filter, errors) = EvaluationFilter.Parse(context.Request.Query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (filter is null)
        {
            return (null, Problems.Validation(errors));
        }

        var report = await evaluation.RunAsync(filter, ProgrammeEvaluation.Channel.Api, ct);
        if (report is null)
        {
            return (null, Problems.Status(StatusCodes.Status403Forbidden, "evaluation.forbidden"));
        }

        context.Response.Headers.CacheControl = "no-store";
        return (report, null);
    }

    private static object Filter(EvaluationFilter f) => new
    {
        programme = EvaluationFilter.Programme,
        site = f.Site,
        cohort = f.Cohort,
        offence = EvaluationFilter.Code(f.Offence),
    };

    private static object Row(PublishedRow row) => new
    {
        site = row.Site,
        cohort = row.Cohort,
        label = row.Label,
        enrolled = Cell(row.Enrolled),
        known = Cell(row.Known),
        terrorismRelated = Rate(row.Terrorism),
        other = Rate(row.Other),
        underFollowUp = Cell(row.UnderFollowUp),
        leftEarly = Cell(row.LeftEarly),
    };

    private static object Rate(Rate rate) => new
    {
        count = Cell(rate.Count),
        proportion = rate.Estimate,
        lower = rate.Interval?.Lower,
        upper = rate.Interval?.Upper,
        oneSidedUpper = rate.OneSidedUpper,
        withheld = rate.Withheld,
    };

    private static object Cell(Cell cell) => new
    {
        value = cell.Value,
        suppression = cell.Suppression switch
        {
            Suppression.Small => "small",
            Suppression.Secondary => "secondary",
            _ => null,
        },
    };
}
