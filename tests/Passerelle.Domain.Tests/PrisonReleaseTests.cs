using Passerelle.Domain;

namespace Passerelle.Domain.Tests;

/// <summary>The release calendar's rules: alerts at 6 and 3 months when nothing is planned, once each; a new date resets what no longer applies.</summary>
public sealed class PrisonReleaseTests
{
    private static readonly DateOnly Today = new(2026, 3, 31);
    private static readonly DateTime Now = new(2026, 3, 31, 5, 0, 0, DateTimeKind.Utc);

    private static PrisonRelease Release(DateOnly on) =>
        new() { TerritoryCode = "59", GivenName = "Karim", Surname = "Delorme", ReleaseOn = on, Establishment = "CP Lille", CreatedById = "test" };

    [Fact]
    public void NoAlert_OneDayBeyondSixMonths()
    {
        var release = Release(Today.AddMonths(6).AddDays(1));
        release.RaiseDueAlerts(Today, Now).ShouldBe((false, false));
        release.IsAlerting().ShouldBeFalse();
    }

    [Fact]
    public void SixMonthAlert_AtSixMonths_ThenNeverAgain()
    {
        var release = Release(Today.AddMonths(6));
        release.RaiseDueAlerts(Today, Now).ShouldBe((true, false));
        release.SixMonthAlertAt.ShouldBe(Now);
        release.IsAlerting().ShouldBeTrue();
        release.RaiseDueAlerts(Today, Now.AddHours(1)).ShouldBe((false, false));
        release.SixMonthAlertAt.ShouldBe(Now);
    }

    [Fact]
    public void BothAlerts_ForAReleaseRecordedInsideThreeMonths()
    {
        // 31 March + 3 months = 30 June (end-of-month clamping), the threshold day itself alerts.
        var release = Release(new DateOnly(2026, 6, 30));
        release.RaiseDueAlerts(Today, Now).ShouldBe((true, true));
    }

    [Fact]
    public void NoAlert_WhenATakeoverIsPrepared_OrTheReleaseIsSettled()
    {
        var linked = Release(Today.AddMonths(1));
        linked.LinkParticipant(Guid.NewGuid());
        linked.RaiseDueAlerts(Today, Now).ShouldBe((false, false));

        var noted = Release(Today.AddMonths(1));
        noted.DescribeTakeover("SPIP du Nord");
        noted.RaiseDueAlerts(Today, Now).ShouldBe((false, false));

        var blank = Release(Today.AddMonths(1));
        blank.DescribeTakeover("   ");
        blank.TakeoverNote.ShouldBeNull();
        blank.RaiseDueAlerts(Today, Now).ShouldBe((true, true));

        var cancelled = Release(Today.AddMonths(1));
        cancelled.Settle(ReleaseStatus.Cancelled).ShouldBeTrue();
        cancelled.RaiseDueAlerts(Today, Now).ShouldBe((false, false));
    }

    [Fact]
    public void LinkingAParticipant_EndsTheAlert_ButKeepsItsDate()
    {
        var release = Release(Today.AddMonths(2));
        release.RaiseDueAlerts(Today, Now);
        release.LinkParticipant(Guid.NewGuid());
        release.IsAlerting().ShouldBeFalse();
        release.ThreeMonthAlertAt.ShouldBe(Now);
    }

    [Fact]
    public void ANewDate_ResetsOnlyTheAlertsThatNoLongerApply()
    {
        var release = Release(Today.AddMonths(2));
        release.RaiseDueAlerts(Today, Now);

        release.Reschedule(Today.AddMonths(5), Today);
        release.SixMonthAlertAt.ShouldBe(Now);
        release.ThreeMonthAlertAt.ShouldBeNull();

        release.Reschedule(Today.AddMonths(9), Today);
        release.SixMonthAlertAt.ShouldBeNull();
        release.ReleaseOn.ShouldBe(Today.AddMonths(9));
    }

    [Fact]
    public void OnlyAnExpectedRelease_IsSettled_AndPastDueIsExpectedOnly()
    {
        var release = Release(Today.AddDays(-2));
        release.IsPastDue(Today).ShouldBeTrue();
        release.Settle(ReleaseStatus.Expected).ShouldBeFalse();
        release.Settle(ReleaseStatus.Released).ShouldBeTrue();
        release.Settle(ReleaseStatus.Cancelled).ShouldBeFalse();
        release.Status.ShouldBe(ReleaseStatus.Released);
        release.IsPastDue(Today).ShouldBeFalse();
    }
}
