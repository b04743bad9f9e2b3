using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Programme;

/// <summary>
/// The sites a programme worker works for: those whose département (the territory their participants carry) is
/// among the worker's territories. A worker covering several sites' départements sees each site; planned sites
/// (Nice, Strasbourg) show as "coming", without enrolment.
/// </summary>
internal static class ProgrammeSites
{
    public static async Task<IReadOnlyList<ProgrammeSite>> OfAsync(PasserelleDb db, AccessScope scope, CancellationToken ct)
    {
        var sites = await db.ProgrammeSites.AsNoTracking().OrderBy(s => s.Status).ThenBy(s => s.Name).ToListAsync(ct);
        return [.. sites.Where(s => scope.CoversTerritory(s.TerritoryCode))];
    }

    /// <summary>The site's participants enrolled now (what its capacity is measured against).</summary>
    public static Task<int> EnrolledAsync(PasserelleDb db, string siteCode, CancellationToken ct) =>
        db.ProgrammeParticipants.CountAsync(p => p.SiteCode == siteCode && p.Status == ParticipantStatus.Enrolled, ct);
}
