namespace Passerelle.Domain.Tests;

public sealed class CaseTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    private static Case NewCase() => Case.Open(
        new Person { TerritoryCode = "59", GivenName = "Lucas", Surname = "Martin", CreatedById = "u1" }, "u1", Now);

    [Fact]
    public void Open_StartsReportedWithAnOpeningEvent()
    {
        var c = NewCase();
        c.Status.ShouldBe(CaseStatus.Reported);
        c.Events.ShouldHaveSingleItem().Kind.ShouldBe(CaseEventKind.Opened);
        c.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Transition_FollowsTheLifecycleAndRecordsWhoWhenWhy()
    {
        var c = NewCase();
        c.Transition(CaseStatus.UnderAssessment, "Panel of 12 May", "u2", Now.AddDays(1)).ShouldBeNull();
        c.Transition(CaseStatus.Followed, "Follow-up decided", "u2", Now.AddDays(2)).ShouldBeNull();
        c.Transition(CaseStatus.Closed, "Disengaged", "u3", Now.AddDays(3)).ShouldBeNull();
        c.Transition(CaseStatus.Archived, "End of follow-up", "u3", Now.AddDays(4)).ShouldBeNull();

        c.Status.ShouldBe(CaseStatus.Archived);
        c.NextStatuses.ShouldBeEmpty();
        var last = c.Events[^1];
        (last.FromStatus, last.ToStatus, last.ActorId, last.At, last.Reason).ShouldBe((CaseStatus.Closed, CaseStatus.Archived, "u3", Now.AddDays(4), "End of follow-up"));
    }

    [Theory]
    [InlineData(CaseStatus.Followed)]
    [InlineData(CaseStatus.Archived)]
    [InlineData(CaseStatus.Reported)]
    public void Transition_FromReported_RefusesSkippingSteps(CaseStatus to)
    {
        var c = NewCase();
        c.Transition(to, "reason", "u2", Now).ShouldBe(new InvalidTransition(CaseStatus.Reported, to));
        c.Status.ShouldBe(CaseStatus.Reported);
        c.Events.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Transition_WithoutReason_IsRefusedAndChangesNothing(string? reason)
    {
        var c = NewCase();
        c.Transition(CaseStatus.UnderAssessment, reason, "u2", Now).ShouldBeOfType<ReasonRequired>();
        c.Status.ShouldBe(CaseStatus.Reported);
    }

    [Fact]
    public void Transition_WithOverlongReason_IsRefused()
    {
        var c = NewCase();
        c.Transition(CaseStatus.UnderAssessment, new string('x', Case.MaxReasonLength + 1), "u2", Now).ShouldBeOfType<ReasonTooLong>();
    }

    [Fact]
    public void Archived_IsFinal()
    {
        var c = NewCase();
        c.Transition(CaseStatus.Closed, "No further action", "u2", Now).ShouldBeNull();
        c.Transition(CaseStatus.Archived, "Archived", "u2", Now).ShouldBeNull();
        foreach (var to in Enum.GetValues<CaseStatus>())
        {
            c.Transition(to, "again", "u2", Now).ShouldBeOfType<InvalidTransition>();
        }
    }
}
