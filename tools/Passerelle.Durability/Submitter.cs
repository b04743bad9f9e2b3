using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Passerelle.Durability;

/// <summary>
/// Workers that send the submissions as a careful client does: each one retries the same key and the same body on a
/// connection error, a timeout, a 5xx or a 409 (after its Retry-After, capped) until a 201 acknowledges it.
/// </summary>
internal sealed class Submitter(Uri baseAddress, string token, Stopwatch clock, string errorLog)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RetryAfterCap = TimeSpan.FromSeconds(35);
    private const string Stopped = "stopped before a 201 (deadline, or the app or PostgreSQL did not come back)";
    private static readonly Uri Reports = new("api/v1/reports", UriKind.Relative);

    private readonly Lock errorLogLock = new();
    private int inFlight;
    private int acknowledged;
    private int retries;
    private int replays;
    private int conflicts;
    private int serverErrors;
    private int connectionErrors;
    private int timeouts;

    /// <summary>Requests sent and not yet answered (the chaos loop reports it when it kills the app).</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    public int Acknowledged => Volatile.Read(ref acknowledged);

    public int Retries => Volatile.Read(ref retries);

    /// <summary>201 answers marked Idempotent-Replayed: the first answer was lost on its way back.</summary>
    public int Replays => Volatile.Read(ref replays);

    public int Conflicts => Volatile.Read(ref conflicts);

    public int ServerErrors => Volatile.Read(ref serverErrors);

    public int ConnectionErrors => Volatile.Read(ref connectionErrors);

    public int Timeouts => Volatile.Read(ref timeouts);

    public async Task RunAsync(IReadOnlyList<Submission> submissions, int workers, TimeSpan deadline, CancellationToken abort)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = workers,
        };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(abort);
        stop.CancelAfter(deadline);
        var queue = new ConcurrentQueue<Submission>(submissions);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var random = new Random();
            while (queue.TryDequeue(out var submission))
            {
                await SubmitAsync(client, submission, random, stop.Token);
            }
        })));
    }

    private async Task SubmitAsync(HttpClient client, Submission submission, Random random, CancellationToken stop)
    {
        var failures = 0;
        while (true)
        {
            if (stop.IsCancellationRequested)
            {
                submission.Failure = Stopped;
                return;
            }

            if (submission.Attempts++ > 0)
            {
                Interlocked.Increment(ref retries);
            }

            TimeSpan wait;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
            attempt.CancelAfter(AttemptTimeout);
            Interlocked.Increment(ref inFlight);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, Reports)
                {
                    Content = new StringContent(submission.Body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", submission.Key);
                using var response = await client.SendAsync(request, attempt.Token);
                var text = await response.Content.ReadAsStringAsync(attempt.Token);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
                    if (replayed)
                    {
                        Interlocked.Increment(ref replays);
                    }

                    using var json = JsonDocument.Parse(text);
                    submission.Receipt = json.RootElement.GetProperty("receipt").GetString();
                    Interlocked.Increment(ref acknowledged);
                    submission.Note(clock.Elapsed, replayed ? "201 replayed " + submission.Receipt : "201 " + submission.Receipt);
                    return;
                }

                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref conflicts);
                    var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    wait = retryAfter < RetryAfterCap ? retryAfter : RetryAfterCap;
                    submission.Note(clock.Elapsed, string.Create(CultureInfo.InvariantCulture, $"409 retry after {retryAfter.TotalSeconds:F0}s"));
                }
                else if (status >= 500)
                {
                    Interlocked.Increment(ref serverErrors);
                    wait = Backoff(++failures, random);
                    submission.Note(clock.Elapsed, string.Create(CultureInfo.InvariantCulture, $"{status}"));
                    LogError(submission, $"{status} {text}");
                }
                else
                {
                    submission.Note(clock.Elapsed, string.Create(CultureInfo.InvariantCulture, $"{status} (not retried)"));
                    submission.Failure = string.Create(CultureInfo.InvariantCulture, $"{status} {text}");
                    LogError(submission, submission.Failure);
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                Interlocked.Increment(ref connectionErrors);
                wait = Backoff(++failures, random);
                submission.Note(clock.Elapsed, "connection error: " + (e.HttpRequestError == HttpRequestError.Unknown ? e.Message : e.HttpRequestError.ToString()));
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref timeouts);
                wait = Backoff(++failures, random);
                submission.Note(clock.Elapsed, "timeout");
            }
            catch (OperationCanceledException)
            {
                submission.Failure = Stopped;
                return;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            try
            {
                await Task.Delay(wait, stop);
            }
            catch (OperationCanceledException)
            {
                submission.Failure = Stopped;
                return;
            }
        }
    }

    /// <summary>100 ms doubling up to 2 s, with jitter so the workers do not come back all at once.</summary>
    private static TimeSpan Backoff(int failures, Random random) =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(failures - 1, 5))) * (0.5 + random.NextDouble()));

    private void LogError(Submission submission, string text)
    {
        lock (errorLogLock)
        {
            File.AppendAllText(errorLog, string.Create(CultureInfo.InvariantCulture, $"+{clock.Elapsed.TotalSeconds:F1}s {submission.Marker} {text}\n"));
        }
    }
}
