namespace Passerelle.Domain.Tests;

/// <summary>The rules of a panel decision (PanelDecision.Propose / Approve / Reject) and how a case takes it.</summary>
public sealed class PanelDecisionTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private static Case NewCase() => Case.Open(
        new Person { TerritoryCode = "59", GivenName = "Lucas", Surname = "Martin", CreatedById = "u1" }, "u1", Now.AddDays(-10));

    private static (PanelDecision? Decision, DomainError? Error) Propose(
        Case c,
        DecisionType type,
        string? rationale = "Éléments examinés en séance.",
        DateOnly? next = null,
        string? service = "police",
        ClosureReason? reason = ClosureReason.RiskEnded,
        string? detail = null,
        string? target = "62",
        bool noNext = false,
        string actor = "member") =>
        PanelDecision.Propose(c, type, rationale, noNext ? null : next ?? Today.AddMonths(3), service, reason, detail, target, "59", null, null, actor, Now);

    [Theory]
    [InlineData(DecisionType.KeepFollowed)]
    [InlineData(DecisionType.ReferCare)]
    [InlineData(DecisionType.ReferProgramme)]
    [InlineData(DecisionType.ReferJudicial)]
    [InlineData(DecisionType.ReferChildProtection)]
    public void FollowUpAndReferrals_AreEffectiveAtOnce_AndTheCaseIsFollowedWithItsNextReview(DecisionType type)
    {
        var c = NewCase();
        var (decision, error) = Propose(c, type);
        error.ShouldBeNull();
        decision!.Status.ShouldBe(DecisionStatus.Effective);
        decision.NeedsApproval.ShouldBeFalse();
        c.ApplyDecision(decision, "member", Now).ShouldBeNull();
        c.Status.ShouldBe(CaseStatus.Followed);
        c.NextReviewOn.ShouldBe(Today.AddMonths(3));
        c.LastDecisionType.ShouldBe(type);
        c.FollowingService.ShouldBe(type == DecisionType.KeepFollowed ? "police" : null);
        c.Events.Last().Kind.ShouldBe(CaseEventKind.DecisionApplied);
        c.Events.Last().DecisionId.ShouldBe(decision.Id);
    }

    [Theory]
    [InlineData(DecisionType.Close)]
    [InlineData(DecisionType.Transfer)]
    public void ClosureAndTransfer_WaitForTheChair_AndCannotApplyBeforeApproval(DecisionType type)
    {
        var c = NewCase();
        var (decision, error) = Propose(c, type);
        error.ShouldBeNull();
        decision!.Status.ShouldBe(DecisionStatus.PendingApproval);
        c.ApplyDecision(decision, "member", Now).ShouldBeOfType<DecisionNotPending>();
        c.Status.ShouldBe(CaseStatus.Reported);
    }

    [Fact]
    public void Closure_HasNoNextReview_EvenIfOneWasGiven_AndClosesTheCaseOnceApproved()
    {
        var c = NewCase();
        var (decision, _) = Propose(c, DecisionType.Close, next: Today.AddMonths(2));
        decision!.NextReviewOn.ShouldBeNull();
        decision.Approve("chair", null, Now).ShouldBeNull();
        c.ApplyDecision(decision, "chair", Now).ShouldBeNull();
        c.Status.ShouldBe(CaseStatus.Closed);
        c.NextReviewOn.ShouldBeNull();
        c.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void ApprovedTransfer_PutsTheCaseInTransfer_WithoutChangingItsTerritory()
    {
        var c = NewCase();
        var (decision, _) = Propose(c, DecisionType.Transfer);
        decision!.Approve("chair", "D'accord.", Now).ShouldBeNull();
        decision.ApprovalNote.ShouldBe("D'accord.");
        c.ApplyDecision(decision, "chair", Now).ShouldBeNull();
        c.TransferTo.ShouldBe("62");
        c.IsInTransfer.ShouldBeTrue();
        c.TerritoryCode.ShouldBe("59");
        c.Events.Last().Kind.ShouldBe(CaseEventKind.TransferRequested);
    }

    [Fact]
    public void UnknownType_IsRefused() =>
        Propose(NewCase(), (DecisionType)99).Error.ShouldBeOfType<DecisionTypeUnknown>();

    [Fact]
    public void ClosedCase_TakesNoDecision()
    {
        var c = NewCase();
        var (close, _) = Propose(c, DecisionType.Close);
        close!.Approve("chair", null, Now);
        c.ApplyDecision(close, "chair", Now);
        Propose(c, DecisionType.ReferCare).Error.ShouldBeOfType<CaseNotOpen>();
    }

    [Fact]
    public void CaseInTransfer_TakesNoDecision()
    {
        var c = NewCase();
        var (transfer, _) = Propose(c, DecisionType.Transfer);
        transfer!.Approve("chair", null, Now);
        c.ApplyDecision(transfer, "chair", Now);
        Propose(c, DecisionType.KeepFollowed).Error.ShouldBeOfType<CaseInTransfer>();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Rationale_IsRequired(string? rationale) =>
        Propose(NewCase(), DecisionType.ReferCare, rationale: rationale).Error.ShouldBeOfType<RationaleRequired>();

    [Fact]
    public void Rationale_HasAMaximumLength()
    {
        Propose(NewCase(), DecisionType.ReferCare, rationale: new string('a', PanelDecision.MaxRationaleLength)).Error.ShouldBeNull();
        Propose(NewCase(), DecisionType.ReferCare, rationale: new string('a', PanelDecision.MaxRationaleLength + 1)).Error
            .ShouldBeOfType<RationaleTooLong>().Max.ShouldBe(PanelDecision.MaxRationaleLength);
    }

    [Theory]
    [InlineData(DecisionType.KeepFollowed)]
    [InlineData(DecisionType.ReferCare)]
    [InlineData(DecisionType.ReferProgramme)]
    [InlineData(DecisionType.ReferJudicial)]
    [InlineData(DecisionType.ReferChildProtection)]
    [InlineData(DecisionType.Transfer)]
    public void EveryDecisionButClosure_NeedsANextReview(DecisionType type) =>
        Propose(NewCase(), type, noNext: true).Error.ShouldBeOfType<NextReviewRequired>();

    [Fact]
    public void NextReview_MustBeInTheFuture()
    {
        Propose(NewCase(), DecisionType.ReferCare, next: Today).Error.ShouldBeOfType<NextReviewNotInFuture>();
        Propose(NewCase(), DecisionType.ReferCare, next: Today.AddDays(-1)).Error.ShouldBeOfType<NextReviewNotInFuture>();
        Propose(NewCase(), DecisionType.ReferCare, next: Today.AddDays(1)).Error.ShouldBeNull();
    }

    [Fact]
    public void NextReview_IsAtMostTwelveMonthsAhead()
    {
        Propose(NewCase(), DecisionType.ReferCare, next: Today.AddMonths(12)).Error.ShouldBeNull();
        Propose(NewCase(), DecisionType.ReferCare, next: Today.AddMonths(12).AddDays(1)).Error
            .ShouldBeOfType<NextReviewTooFar>().Months.ShouldBe(PanelDecision.MaxReviewMonths);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void KeepFollowed_NamesItsService(string? service) =>
        Propose(NewCase(), DecisionType.KeepFollowed, service: service).Error.ShouldBeOfType<FollowingServiceRequired>();

    [Fact]
    public void KeepFollowed_ServiceHasAMaximumLength_AndIsTrimmed()
    {
        Propose(NewCase(), DecisionType.KeepFollowed, service: new string('s', PanelDecision.MaxServiceLength + 1)).Error.ShouldBeOfType<FollowingServiceTooLong>();
        Propose(NewCase(), DecisionType.KeepFollowed, service: "  Mission locale  ").Decision!.FollowingService.ShouldBe("Mission locale");
    }

    [Fact]
    public void OtherTypes_DoNotKeepAServiceAReasonOrATarget()
    {
        var (decision, _) = Propose(NewCase(), DecisionType.ReferCare, service: "police", reason: ClosureReason.Other, detail: "x", target: "62");
        decision!.FollowingService.ShouldBeNull();
        decision.ClosureReason.ShouldBeNull();
        decision.ClosureReasonDetail.ShouldBeNull();
        decision.TransferTo.ShouldBeNull();
    }

    [Fact]
    public void Closure_NeedsAReason()
    {
        Propose(NewCase(), DecisionType.Close, reason: null).Error.ShouldBeOfType<ClosureReasonRequired>();
        Propose(NewCase(), DecisionType.Close, reason: (ClosureReason)42).Error.ShouldBeOfType<ClosureReasonRequired>();
    }

    [Fact]
    public void Closure_ForAnotherReason_NeedsDetails_OfLimitedLength()
    {
        Propose(NewCase(), DecisionType.Close, reason: ClosureReason.Other, detail: " ").Error.ShouldBeOfType<ClosureReasonDetailRequired>();
        Propose(NewCase(), DecisionType.Close, reason: ClosureReason.Other, detail: new string('d', PanelDecision.MaxReasonDetailLength + 1)).Error.ShouldBeOfType<ClosureReasonDetailTooLong>();
        Propose(NewCase(), DecisionType.Close, reason: ClosureReason.Other, detail: "Suivi par un autre dispositif.").Decision!.ClosureReasonDetail.ShouldBe("Suivi par un autre dispositif.");
    }

    [Fact]
    public void Transfer_NeedsATargetOtherThanTheCasesTerritory()
    {
        Propose(NewCase(), DecisionType.Transfer, target: null).Error.ShouldBeOfType<TransferTargetRequired>();
        Propose(NewCase(), DecisionType.Transfer, target: " ").Error.ShouldBeOfType<TransferTargetRequired>();
        Propose(NewCase(), DecisionType.Transfer, target: "59").Error.ShouldBeOfType<TransferToSameTerritory>();
    }

    [Fact]
    public void Approval_IsNeverByTheProposer()
    {
        var (decision, _) = Propose(NewCase(), DecisionType.Close, actor: "chair");
        decision!.Approve("chair", null, Now).ShouldBeOfType<SameProposerAndApprover>();
        decision.Reject("chair", "Non.", Now).ShouldBeOfType<SameProposerAndApprover>();
        decision.Status.ShouldBe(DecisionStatus.PendingApproval);
    }

    [Fact]
    public void Refusal_NeedsANote_AndLeavesTheCaseUnchanged()
    {
        var c = NewCase();
        var (decision, _) = Propose(c, DecisionType.Close);
        decision!.Reject("chair", " ", Now).ShouldBeOfType<ApprovalNoteRequired>();
        decision.Reject("chair", "Risque toujours présent.", Now).ShouldBeNull();
        decision.Status.ShouldBe(DecisionStatus.Rejected);
        decision.ApprovedById.ShouldBe("chair");
        c.ApplyDecision(decision, "chair", Now).ShouldBeOfType<DecisionNotPending>();
        c.Status.ShouldBe(CaseStatus.Reported);
    }

    [Fact]
    public void ApprovalNote_HasAMaximumLength()
    {
        var (decision, _) = Propose(NewCase(), DecisionType.Close);
        decision!.Approve("chair", new string('n', PanelDecision.MaxReasonDetailLength + 1), Now).ShouldBeOfType<ApprovalNoteTooLong>();
        decision.Status.ShouldBe(DecisionStatus.PendingApproval);
    }

    [Fact]
    public void ASettledDecision_CannotBeSettledAgain()
    {
        var (decision, _) = Propose(NewCase(), DecisionType.Close);
        decision!.Approve("chair", null, Now).ShouldBeNull();
        decision.Approve("chair2", null, Now).ShouldBeOfType<DecisionNotPending>();
        decision.Reject("chair2", "Non.", Now).ShouldBeOfType<DecisionNotPending>();
        var (effective, _) = Propose(NewCase(), DecisionType.ReferCare);
        effective!.Approve("chair", null, Now).ShouldBeOfType<DecisionNotPending>();
    }

    [Theory]
    [InlineData(DecisionType.KeepFollowed, 3)]
    [InlineData(DecisionType.ReferCare, 3)]
    [InlineData(DecisionType.ReferProgramme, 6)]
    [InlineData(DecisionType.ReferJudicial, 3)]
    [InlineData(DecisionType.ReferChildProtection, 2)]
    [InlineData(DecisionType.Transfer, 1)]
    public void DefaultNextReview_DependsOnTheType_AndPassesTheRules(DecisionType type, int months)
    {
        var next = PanelDecision.DefaultNextReview(type, Today);
        next.ShouldBe(Today.AddMonths(months));
        Propose(NewCase(), type, next: next).Error.ShouldBeNull();
    }

    [Fact]
    public void DefaultNextReview_OfAClosure_IsNone() =>
        PanelDecision.DefaultNextReview(DecisionType.Close, Today).ShouldBeNull();

    [Fact]
    public void Correction_IsANewDecisionPointingToTheOldOne()
    {
        var c = NewCase();
        var (first, _) = Propose(c, DecisionType.ReferCare);
        first!.Locked = true;
        var (correction, error) = PanelDecision.Propose(c, DecisionType.ReferProgramme, "Correction.", Today.AddMonths(6), null, null, null, null, "59", null, null, "member", Now, first.Id);
        error.ShouldBeNull();
        correction!.CorrectsId.ShouldBe(first.Id);
        correction.Id.ShouldNotBe(first.Id);
        first.Type.ShouldBe(DecisionType.ReferCare);
    }

    [Fact]
    public void ADecisionAboutAnotherCase_IsNotApplied()
    {
        var (decision, _) = Propose(NewCase(), DecisionType.ReferCare);
        Should.Throw<ArgumentException>(() => NewCase().ApplyDecision(decision!, "member", Now));
    }
}
