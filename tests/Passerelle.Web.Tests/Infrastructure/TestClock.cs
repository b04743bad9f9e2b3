namespace Passerelle.Web.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: real time plus an offset a test can move forward
/// (Microsoft.Extensions.TimeProvider.Testing does not restore from the mirror used here).
/// </summary>
internal sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
