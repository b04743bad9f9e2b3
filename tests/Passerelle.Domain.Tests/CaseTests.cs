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

    private static void Decide(Case c, DecisionType type, DateTime at)
    {
        var (decision, error) = PanelDecision.Propose(
            c, type, "Panel decision", type == DecisionType.Close ? null : DateOnly.FromDateTime(at).AddMonths(3),
            type == DecisionType.KeepFollowed ? "police" : null, type == DecisionType.Close ? ClosureReason.RiskEnded : null,
            null, null, c.TerritoryCode, null, null, "u2", at);
        error.ShouldBeNull();
        if (decision!.NeedsApproval)
        {
            decision.Approve("chair", null, at).ShouldBeNull();
        }

        c.ApplyDecision(decision, "u2", at).ShouldBeNull();
    }

    [Fact]
    public void Transition_FollowsTheLifecycleAndRecordsWhoWhenWhy()
    {
        var c = NewCase();
        c.Transition(CaseStatus.UnderAssessment, "Panel of 12 May", "u2", Now.AddDays(1)).ShouldBeNull();
        Decide(c, DecisionType.KeepFollowed, Now.AddDays(2));
        c.Status.ShouldBe(CaseStatus.Followed);
        Decide(c, DecisionType.Close, Now.AddDays(3));
        c.Status.ShouldBe(CaseStatus.Closed);
        c.Transition(CaseStatus.Archived, "End of follow-up", "u3", Now.AddDays(4)).ShouldBeNull();

        c.Status.ShouldBe(CaseStatus.Archived);
        c.NextStatuses.ShouldBeEmpty();
        var last = c.Events[^1];
        (last.FromStatus, last.ToStatus, last.ActorId, last.At, last.Reason).ShouldBe((CaseStatus.Closed, CaseStatus.Archived, "u3", Now.AddDays(4), "End of follow-up"));
    }

    [Theory]
    [InlineData(CaseStatus.Followed)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Archived)]
    [InlineData(CaseStatus.Reported)]
    public void Transition_FromReported_RefusesSkippingStepsAndDecisions(CaseStatus to)
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
        Decide(c, DecisionType.Close, Now);
        c.Transition(CaseStatus.Archived, "Archived", "u2", Now).ShouldBeNull();
        foreach (var to in Enum.GetValues<CaseStatus>())
        {
            c.Transition(to, "again", "u2", Now).ShouldBeOfType<InvalidTransition>();
        }
    }
}
