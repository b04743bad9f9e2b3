using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// The one read of this feature past the register's query filters. Assessors hold <c>assessments.write</c> but not
/// <c>register.read</c> (DESIGN.md, "who sees what": "RW assessments own", nothing else of the register), so the
/// filters hide persons and cases from them; yet they must know whose assessment they record, and completing one
/// writes a line on the case's timeline. This class therefore reads, past the filters (<c>IgnoreQueryFilters</c>):
/// a person's given name, surname and year of birth, and a case by id for its timeline line — and only for persons
/// and cases that an assessment the actor can see (query-filtered, by permission and territory) points to. The
/// filtered assessment ids are resolved first, in their own query, because <c>IgnoreQueryFilters</c> lifts the
/// filters of a whole query, subqueries included. Every name read is audited (<c>person.listed</c>, reason
/// "assessment") before it is shown.
/// </summary>
internal sealed class AssessmentSubjects(PasserelleDb db, AuditLog audit)
{
    public sealed record Subject(Guid PersonId, string GivenName, string Surname, int? BirthYear)
    {
        public string Name => $"{Surname.ToUpperInvariant()} {GivenName}";
    }

    /// <summary>The persons of the given assessments, keyed by assessment id (assessments the actor cannot see are left out).</summary>
    public async Task<IReadOnlyDictionary<Guid, Subject>> OfAssessmentsAsync(IReadOnlyCollection<Guid> assessmentIds, CancellationToken ct)
    {
        if (assessmentIds.Count == 0)
        {
            return new Dictionary<Guid, Subject>();
        }

        var visible = await db.Assessments.Where(a => assessmentIds.Contains(a.Id)).Select(a => new { a.Id, a.PersonId }).ToListAsync(ct);
        var personIds = visible.Select(v => v.PersonId).Distinct().ToList();
        var persons = await db.Persons.IgnoreQueryFilters()
            .Where(p => personIds.Contains(p.Id))
            .Select(p => new Subject(p.Id, p.GivenName, p.Surname, p.BirthYear))
            .ToDictionaryAsync(p => p.PersonId, ct);
        foreach (var id in persons.Keys)
        {
            audit.Append("person.listed", nameof(Person), id, reason: "assessment");
        }

        await db.SaveChangesAsync(ct);
        return visible.Where(v => persons.ContainsKey(v.PersonId)).ToDictionary(v => v.Id, v => persons[v.PersonId]);
    }

    /// <summary>
    /// The case of a visible assessment, tracked, to add its timeline line when the assessment is completed (the
    /// only write through this door). Null when the actor cannot see the assessment.
    /// </summary>
    public async Task<Case?> CaseOfAsync(Guid assessmentId, CancellationToken ct)
    {
        var caseId = await db.Assessments.Where(a => a.Id == assessmentId).Select(a => (Guid?)a.CaseId).FirstOrDefaultAsync(ct);
        return caseId is null ? null : await db.Cases.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == caseId, ct);
    }
}
