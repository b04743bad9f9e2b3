using System.Globalization;

namespace Passerelle.Web.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: real time plus an offset a test can move forward
/// (Microsoft.Extensions.TimeProvider.Testing does not restore from the mirror used here).
/// </summary>
internal sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    /// <summary>
    /// Real time, or, when <c>PASSERELLE_TEST_CLOCK_AT</c> names a UTC time of day ("23:30"), the next
    /// such moment onwards: a way to run the suite across midnight in Paris or in UTC on purpose.
    /// </summary>
    public TestClock()
    {
        var at = Environment.GetEnvironmentVariable("PASSERELLE_TEST_CLOCK_AT");
        if (TimeOnly.TryParseExact(at, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            var now = base.GetUtcNow();
            var target = new DateTimeOffset(now.UtcDateTime.Date + time.ToTimeSpan(), TimeSpan.Zero);
            if (target < now)
            {
                target = target.AddDays(1);
            }

            offsetTicks = (target - now).Ticks;
        }
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
