using Passerelle.Domain;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Panel.Decisions;

/// <summary>
/// What a referral decision sends to another compartment, in the same unit of work as the decision: a
/// <see cref="CareReferral"/> for the département's CPRAF, or a referred <see cref="ProgrammeParticipant"/> for
/// the programme site covering the département. Only what the receiving team needs to contact the person
/// (name, year of birth, the panel's rationale) crosses; the register itself stays closed to them.
/// </summary>
internal static class CompartmentReferrals
{
    public static void OnDecisionApplied(PasserelleDb db, Case @case, PanelDecision decision, string actorId, DateTime now)
    {
        var person = @case.Person ?? throw new InvalidOperationException("The case's person must be loaded.");
        switch (decision.Type)
        {
            case DecisionType.ReferCare:
                db.CareReferrals.Add(new CareReferral
                {
                    TerritoryCode = @case.TerritoryCode,
                    CaseId = @case.Id,
                    PersonId = person.Id,
                    DecisionId = decision.Id,
                    GivenName = person.GivenName,
                    Surname = person.Surname,
                    BirthYear = person.BirthYear,
                    Minor = IsMinor(person, DateOnly.FromDateTime(now)),
                    Rationale = decision.Rationale,
                    ReferredAt = now,
                });
                break;

            case DecisionType.ReferProgramme:
                var site = ProgrammeSiteData.ForTerritory(@case.TerritoryCode);
                db.ProgrammeParticipants.Add(new ProgrammeParticipant
                {
                    SiteCode = site.Code,
                    TerritoryCode = site.TerritoryCode,
                    PersonId = person.Id,
                    CaseId = @case.Id,
                    GivenName = person.GivenName,
                    Surname = person.Surname,
                    BirthYear = person.BirthYear,
                    Source = ReferralSource.Panel,
                    ReferringService = "GED " + @case.TerritoryCode,
                    ReferredOn = DateOnly.FromDateTime(now),
                    ReferralNote = decision.Rationale,
                    CreatedAt = now,
                    CreatedById = actorId,
                });
                break;
        }
    }

    /// <summary>Under 18 on <paramref name="today"/>; with a year of birth only, counted a minor when the year leaves it possible.</summary>
    public static bool IsMinor(Person person, DateOnly today)
    {
        if (person.BirthYear is not { } year)
        {
            return false;
        }

        var month = person.BirthMonth ?? 12;
        var day = person.BirthDay ?? DateTime.DaysInMonth(year, month);
        var birth = new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
        return birth.AddYears(18) > today;
    }
}
