using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests.Minors;

internal sealed record MinorCase(Guid CaseId, Guid PersonId, string Territory, string Surname);

/// <summary>Cases of children (and adults) built through the app's own report recording, and the protocol form's fields.</summary>
internal static class MinorsKit
{
    public static Task<MinorCase> CaseAsync(this PasserelleFactory factory, string territory, PartialDate? dob, string? surname = null) =>
        factory.AsSystemAsync(async services =>
        {
            var name = surname ?? Pages.PanelSeed.Surname("Enfant");
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, "Lina", name, null, dob, null, Sex.Female, null,
                    ["family-rupture"], "Mineure rapatriée, signalée par la préfecture (test).", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return new MinorCase(recorded!.CaseId, recorded.PersonId, territory, name);
        });

    /// <summary>A child of <paramref name="years"/> years today.</summary>
    public static PartialDate BornYearsAgo(this PasserelleFactory factory, int years)
    {
        var d = Pages.PanelSeed.Today(factory).AddYears(-years).AddDays(-10);
        return new PartialDate(d.Year, d.Month, d.Day);
    }

    public static (string, string)[] Fields(string returnedOn, params (string Name, string Value)[] overrides)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.ReturnedOn"] = returnedOn,
            ["Input.Guardianship"] = "GARDE-SECRETE tante maternelle, délégation d'autorité parentale",
            ["Input.Measure"] = nameof(ProtectionMeasure.Placement),
            ["Input.MeasureDetail"] = "Juge des enfants de Lille",
            ["Input.MeasureOrderedOn"] = "",
            ["Input.HealthAssessment"] = nameof(HealthAssessmentState.Scheduled),
            ["Input.HealthAssessmentOn"] = "",
            ["Input.HealthSummary"] = "Bilan programmé au CHU",
            ["Input.Schooling"] = nameof(SchoolingState.Primary),
            ["Input.SchoolingDetail"] = "",
            ["Input.FamilySituation"] = "FAMILLE-SECRETE grands-parents à Roubaix",
            ["Input.MultiAgencyPlan"] = "PLAN-SECRET ASE placement, Éducation nationale, CPRAF",
            ["Input.ReviewIntervalMonths"] = "3",
            ["Input.Version"] = "0",
        };
        foreach (var (name, value) in overrides)
        {
            fields[name] = value;
        }

        return [.. fields.Select(f => (f.Key, f.Value))];
    }

    public static Task<ReturningMinor?> ProtocolOfAsync(this PasserelleFactory factory, Guid caseId) =>
        factory.WithDbAsync(db => db.ReturningMinors.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.CaseId == caseId));

    public static Task<ReturningMinor> ProtocolAsync(this PasserelleFactory factory, Guid id) =>
        factory.WithDbAsync(db => db.ReturningMinors.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Opens a protocol through the form as <paramref name="session"/>; returns its id.</summary>
    public static async Task<Guid> OpenAsync(this PasserelleFactory factory, WebSession session, MinorCase @case, string? returnedOn = null)
    {
        var url = $"/minors/new?caseId={@case.CaseId}";
        var done = await session.PostFormAsync(url, url, Fields(returnedOn ?? Pages.PanelSeed.Iso(Pages.PanelSeed.Today(factory).AddDays(-20))));
        done.Redirects.ShouldBeTrue(done.ToString());
        return (await factory.ProtocolOfAsync(@case.CaseId)).ShouldNotBeNull().Id;
    }
}
