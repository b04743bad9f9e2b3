using System.Diagnostics;
using System.Globalization;
using Passerelle.Durability;

// Issue 4, "never lose a report": N submissions with retries while the app is SIGKILLed and PostgreSQL restarted;
// afterwards every acknowledged receipt must be stored exactly once. scripts/durability.sh prepares the database.
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n{Options.Usage}");
    return 2;
}

var run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
Directory.CreateDirectory(options.LogDirectory);
var appLog = Path.Combine(options.LogDirectory, "app.log");
var errorLog = Path.Combine(options.LogDirectory, "errors.log");
var submissions = Enumerable.Range(1, options.Submissions).Select(n => new Submission(run, n)).ToList();
var postgres = new PostgresServer(options.PgCtl, options.PgData, options.PgLog);

await using var app = new AppServer(options.AppDll, options.Database, appLog);
await app.StartAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"durability: run {run}, {options.Submissions} submissions from {options.Workers} workers to {app.BaseAddress}, about {options.Events} chaos events, app log {appLog}"));

var clock = Stopwatch.StartNew();
var submitter = new Submitter(app.BaseAddress, options.Token, clock, errorLog);
var chaos = new Chaos(app, postgres, submitter, clock, Math.Max(1, options.Submissions / options.Events));
using var chaosStop = new CancellationTokenSource();
using var abort = new CancellationTokenSource();
var chaosRun = chaos.RunAsync(chaosStop.Token).ContinueWith(
    t =>
    {
        if (t.IsFaulted)
        {
            // The app or PostgreSQL did not come back: the workers would only spin until the deadline.
            abort.Cancel();
        }

        return t;
    },
    TaskScheduler.Default).Unwrap();
await submitter.RunAsync(submissions, options.Workers, options.Deadline, abort.Token);
var wall = clock.Elapsed;
await chaosStop.CancelAsync();
string? chaosFailure = null;
try
{
    await chaosRun;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException)
{
    chaosFailure = e.Message;
}

var verification = await Verification.RunAsync(options.Database, run, submissions);
var audit = await AuditVerifyAsync(options.AppDll, app.Environment);

foreach (var problem in verification.Problems.Take(20))
{
    Console.WriteLine("durability: " + problem);
}

var rejected = submissions.Where(s => s.Receipt is null).ToList();
foreach (var s in rejected.Take(10))
{
    Console.WriteLine($"durability: {s.Marker} not acknowledged: {s.Failure}; attempts: {string.Join("; ", s.History)}");
}

var slowest = submissions.MaxBy(s => s.Attempts)!;
Console.WriteLine($"durability: most attempts: {slowest.Marker}, {slowest.Attempts}: {string.Join("; ", slowest.History)}");
var acknowledged = submissions.Count(s => s.Receipt is not null);
var reasons = new List<string>();
if (chaosFailure is not null)
{
    reasons.Add("chaos loop failed: " + chaosFailure);
}

if (verification.Missing > 0 || verification.Duplicates > 0 || verification.Mismatched > 0 || verification.Problems.Count > 0)
{
    reasons.Add("the database does not hold exactly the acknowledged reports");
}

if (acknowledged < submissions.Count)
{
    reasons.Add($"{submissions.Count - acknowledged} submissions never acknowledged");
}

if (chaos.AppKills < options.MinAppKills || chaos.PostgresRestarts < options.MinPostgresRestarts)
{
    reasons.Add($"the run ended before {options.MinAppKills} app kills and {options.MinPostgresRestarts} PostgreSQL restarts: raise N");
}

if (!audit.Ok)
{
    reasons.Add("audit verify: " + audit.Output);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"durability: details: 201 replayed {submitter.Replays}, 409 {submitter.Conflicts}, 5xx {submitter.ServerErrors}, connection errors {submitter.ConnectionErrors}, timeouts {submitter.Timeouts}, not acknowledged {rejected.Count}, stored unacknowledged {verification.StoredUnacknowledged}, receipt of another submission {verification.Mismatched}, claims left in flight {verification.ClaimsInFlight}, audit chain {(audit.Ok ? "verified" : "BROKEN")}, max attempts {submissions.Max(s => s.Attempts)}"));
foreach (var reason in reasons)
{
    Console.WriteLine("durability: FAILED: " + reason);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"durability: submissions {submissions.Count}, app kills {chaos.AppKills}, postgres restarts {chaos.PostgresRestarts}, acknowledged {acknowledged}, stored {verification.Stored}, duplicates {verification.Duplicates}, missing {verification.Missing}, retries {submitter.Retries}, wall {wall.TotalSeconds:F0} s"));
return reasons.Count == 0 ? 0 : 1;

// The app's own check of the audit hash chain: a crash must not leave a broken chain behind.
static async Task<(bool Ok, string Output)> AuditVerifyAsync(string dll, Dictionary<string, string> environment)
{
    var start = new ProcessStartInfo("dotnet")
    {
        UseShellExecute = false,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = Path.GetDirectoryName(dll)!,
    };
    start.ArgumentList.Add(dll);
    start.ArgumentList.Add("audit");
    start.ArgumentList.Add("verify");
    foreach (var (key, value) in environment)
    {
        start.Environment[key] = value;
    }

    using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    return (process.ExitCode == 0, ((await output) + (await error)).Trim());
}
