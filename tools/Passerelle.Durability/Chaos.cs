using System.Diagnostics;
using System.Globalization;

namespace Passerelle.Durability;

/// <summary>
/// While the submissions run: either SIGKILLs the app and starts it again, or restarts PostgreSQL without a clean
/// shutdown (one event in three). An event comes 2–6 s (random) after the previous one ended, and once
/// <paramref name="progress"/> more submissions were acknowledged: on a slow machine a restart takes longer than the
/// interval and a cold app answers slowly, so a clock alone could kill it again and again before it recorded anything.
/// Prints a line per event.
/// </summary>
internal sealed class Chaos(AppServer app, PostgresServer postgres, Submitter submitter, Stopwatch clock, int progress)
{
    public int AppKills { get; private set; }

    public int PostgresRestarts { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var random = new Random();
        var acknowledgedBefore = 0;
        for (var step = 1; ; step++)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2000, 6000)), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            while (submitter.Acknowledged < acknowledgedBefore + progress)
            {
                try
                {
                    await Task.Delay(100, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            acknowledgedBefore = submitter.Acknowledged;

            // Once begun, an event is carried through (the app is left running) even if the submissions are done.
            var inFlight = submitter.InFlight;
            var at = clock.Elapsed;
            var took = Stopwatch.StartNew();
            if (step % 3 == 0)
            {
                await postgres.RestartImmediateAsync();
                PostgresRestarts++;
                Say(at, $"PostgreSQL restarted (-m immediate) with {inFlight} requests in flight, up again after {took.Elapsed.TotalSeconds:F1} s; {submitter.Acknowledged} acknowledged so far");
            }
            else
            {
                await app.KillAsync();
                AppKills++;
                await app.StartAsync();
                Say(at, $"app SIGKILLed with {inFlight} requests in flight, ready again after {took.Elapsed.TotalSeconds:F1} s (incarnation {app.Incarnation}); {submitter.Acknowledged} acknowledged so far");
            }
        }
    }

    private static void Say(TimeSpan at, FormattableString text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"durability: +{at.TotalSeconds:F1}s ") + text.ToString(CultureInfo.InvariantCulture));
}
