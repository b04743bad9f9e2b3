using Passerelle.Domain;
using Passerelle.Web.Features.Evaluation;
using static Passerelle.Web.Features.Evaluation.ProgrammeEvaluation;

namespace Passerelle.Web.Tests.Evaluation;

/// <summary>The evaluation's definitions applied to one participant (censoring, the window, returns to prison), without a database.</summary>
public sealed class EvaluationDefinitionsTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly End = new(2026, 1, 1);

    private static Subject Classify(DateOnly windowEnd, DateOnly? endedOn = null, DateOnly? returned = null, params (DateOnly, OffenceCategory)[] offences) =>
        ProgrammeEvaluation.Classify("LIL", 2024, Start, windowEnd, endedOn, returned, offences, Today);

    [Fact]
    public void StillUnderFollowUp_WithoutOffence_IsCensoredAtToday_NotASuccess()
    {
        var s = Classify(new DateOnly(2027, 6, 1));
        s.Status.ShouldBe(SubjectStatus.UnderFollowUp);
        s.Offence.ShouldBeFalse();
        s.Days.ShouldBe(Today.DayNumber - Start.DayNumber);
    }

    [Fact]
    public void WindowCompleted_WithoutOffence_IsAKnownOutcome_CensoredAtTheWindowsEnd()
    {
        var s = Classify(End, End);
        s.Status.ShouldBe(SubjectStatus.Known);
        s.Offence.ShouldBeFalse();
        s.Days.ShouldBe(End.DayNumber - Start.DayNumber);
    }

    [Fact]
    public void OffenceAfterTheWindow_OrBeforeItsStart_IsNotCounted()
    {
        var s = Classify(End, End, null, (End.AddDays(1), OffenceCategory.Other), (Start.AddDays(-1), OffenceCategory.TerrorismRelated));
        s.Status.ShouldBe(SubjectStatus.Known);
        s.Offence.ShouldBeFalse();
    }

    [Fact]
    public void OffenceOnTheWindowsLastDay_IsCounted_WithItsTime()
    {
        var s = Classify(End, End, null, (End, OffenceCategory.TerrorismRelated));
        s.Terrorism.ShouldBeTrue();
        s.Other.ShouldBeFalse();
        s.DaysToTerrorism.ShouldBe(End.DayNumber - Start.DayNumber);
    }

    [Fact]
    public void ReturnToPrison_CensorsThere_AndALaterOffenceIsNotCounted()
    {
        var back = new DateOnly(2024, 7, 1);
        var s = Classify(End, back, back, (new DateOnly(2025, 1, 10), OffenceCategory.Other));
        s.Status.ShouldBe(SubjectStatus.LeftEarly);
        s.Offence.ShouldBeFalse();
        s.Days.ShouldBe(back.DayNumber - Start.DayNumber);
    }

    [Fact]
    public void OffenceInAWindowStillRunning_IsAKnownOutcome_FirstOfEachType()
    {
        var s = Classify(new DateOnly(2027, 6, 1), null, null,
            (new DateOnly(2025, 3, 1), OffenceCategory.Other), (new DateOnly(2024, 6, 1), OffenceCategory.Other), (new DateOnly(2026, 2, 1), OffenceCategory.TerrorismRelated));
        s.Status.ShouldBe(SubjectStatus.Known);
        s.DaysToOther.ShouldBe(new DateOnly(2024, 6, 1).DayNumber - Start.DayNumber);
        s.DaysToTerrorism.ShouldBe(new DateOnly(2026, 2, 1).DayNumber - Start.DayNumber);
        s.DaysToAny.ShouldBe(s.DaysToOther);
    }

    [Fact]
    public void Withdrawal_BeforeTheWindowsEnd_WithoutOffence_LeftEarly()
    {
        var s = Classify(End, new DateOnly(2025, 3, 1));
        s.Status.ShouldBe(SubjectStatus.LeftEarly);
        s.Days.ShouldBe(new DateOnly(2025, 3, 1).DayNumber - Start.DayNumber);
    }
}
