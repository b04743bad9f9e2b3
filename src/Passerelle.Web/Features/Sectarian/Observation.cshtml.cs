using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Sectarian;

/// <summary>
/// The figures of the Miviludes annual observation report: referrals per year (of receipt) and domain, per year
/// and kind, per year and alert criterion. Counts only, no personal data; they serve the Miviludes itself, so
/// small counts are shown as they are (no suppression), which the page says.
/// </summary>
[Authorize(Policy = Permissions.SectarianManage)]
internal sealed class ObservationModel(PasserelleDb db, AuditLog audit) : PageModel
{
    /// <summary>The row key of referrals not classified yet (still waiting).</summary>
    public const string Unclassified = "unclassified";

    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>(year, domain code or <see cref="Unclassified"/>) → count.</summary>
    public IReadOnlyDictionary<(int Year, string Domain), int> ByDomain { get; private set; } = new Dictionary<(int, string), int>();

    public IReadOnlyDictionary<(int Year, SectarianRequestKind Kind), int> ByKind { get; private set; } = new Dictionary<(int, SectarianRequestKind), int>();

    public IReadOnlyDictionary<(int Year, string Criterion), int> ByCriterion { get; private set; } = new Dictionary<(int, string), int>();

    public IReadOnlyDictionary<int, int> TotalByYear { get; private set; } = new Dictionary<int, int>();

    public static IReadOnlyList<string> DomainRows { get; } = [.. SectarianDomains.All, Unclassified];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ComputeAsync(ct);
        await audit.RecordAsync("sectarian-observation.read", nameof(SectarianReferral), null, reason: "aggregates", ct: ct);
    }

    /// <summary>The same figures as CSV (UTF-8 with BOM so a spreadsheet reads the accents): table, year, category, count.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await ComputeAsync(ct);
        var csv = new StringBuilder();
        csv.Append("table,year,category,count\r\n");
        foreach (var year in Years)
        {
            foreach (var d in DomainRows)
            {
                Line(csv, "domain", year, d, ByDomain.GetValueOrDefault((year, d)));
            }

            foreach (var k in SectarianCodes.Kinds)
            {
                Line(csv, "kind", year, k.Key, ByKind.GetValueOrDefault((year, k.Value)));
            }

            foreach (var c in SectarianCriteria.All)
            {
                Line(csv, "criterion", year, c, ByCriterion.GetValueOrDefault((year, c)));
            }

            Line(csv, "total", year, "all", TotalByYear.GetValueOrDefault(year));
        }

        await audit.RecordAsync("sectarian-observation.exported", nameof(SectarianReferral), null, reason: "aggregates csv", ct: ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "miviludes-observation.csv");
    }

    private static void Line(StringBuilder csv, string table, int year, string category, int count) =>
        csv.Append(table).Append(',').Append(year.ToString(CultureInfo.InvariantCulture)).Append(',').Append(category).Append(',')
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");

    private async Task ComputeAsync(CancellationToken ct)
    {
        // Only the four columns the counts need; the criteria are a comma-separated list, split here.
        var rows = await db.SectarianReferrals.AsNoTracking()
            .Select(r => new { r.ReceivedAt, r.Kind, r.Domain, r.Criteria })
            .ToListAsync(ct);
        var items = rows.Select(r => (Year: YearOf(r.ReceivedAt), r.Kind, Domain: r.Domain ?? Unclassified, Criteria: SectarianCodes.Split(r.Criteria))).ToList();
        Years = [.. items.Select(i => i.Year).Distinct().OrderDescending()];
        TotalByYear = items.GroupBy(i => i.Year).ToDictionary(g => g.Key, g => g.Count());
        ByDomain = items.GroupBy(i => (i.Year, i.Domain)).ToDictionary(g => g.Key, g => g.Count());
        ByKind = items.GroupBy(i => (i.Year, i.Kind)).ToDictionary(g => g.Key, g => g.Count());
        ByCriterion = items.SelectMany(i => i.Criteria.Distinct(StringComparer.Ordinal).Select(c => (i.Year, Criterion: c)))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The year of receipt in French metropolitan time (a referral sent on 31 December at 23:30 counts for that year).</summary>
    private static int YearOf(DateTime utc) => ParisTime.FromUtc(utc).Year;
}
