using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Passerelle.Matching;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Security;

namespace Passerelle.Web.Cli;

/// <summary>
/// Administration verbs run from the same binary as the web app (<c>passerelle db migrate</c>, …).
/// Options the verb does not know (e.g. <c>--Database:Provider Postgres</c>) go to the host's configuration.
/// </summary>
internal static class CommandLine
{
    private static readonly HashSet<string> VerbHeads = ["db", "seed", "users", "tokens", "audit", "match", "retention", "outbox", "panel", "programme", "help", "--help"];
    private static readonly HashSet<string> VerbOptions = ["--email", "--role", "--territory", "--password", "--name", "--demo", "--input", "--output", "--left", "--right", "--ignore"];
    private static readonly HashSet<string> Flags = ["--demo"];

    private const string Usage = """
        passerelle                          serve the web application (--urls, --environment honoured)
        passerelle db migrate               apply database migrations
        passerelle seed --demo              add demo accounts and data to an empty database
        passerelle users add --email E --role R --territory T[,T…]|national --password P [--name N]
        passerelle tokens create --email E  print a new personal access token for the API
        passerelle tokens revoke --email E  revoke every token of that user
        passerelle audit verify             check the audit log's hash chain (exit 1 naming the first broken event)
        passerelle match dedupe --input FILE.csv --output OUT.csv [--ignore COL,COL]      writes id,cluster_id
        passerelle match link --left A.csv --right B.csv --output OUT.csv [--ignore COL,COL]  writes id_l,id_r,score
        passerelle match reindex            recompute every person's matching keys (after an engine upgrade)
        passerelle retention run            delete what has passed its retention deadline; prints the purge report
        passerelle outbox send              send the e-mails waiting in the outbox now (the app also does it in the background)
        passerelle panel digest             queue today's panel digests not sent yet (once per département and day)
        passerelle programme release-alerts raise the release alerts due (6 and 3 months, nothing planned) and queue each site's mail
        """;

    /// <summary>Separates the verb and its options from the host's arguments.</summary>
    public static (IReadOnlyList<string> Verb, string[] HostArgs) Split(string[] args)
    {
        if (args.Length == 0 || !VerbHeads.Contains(args[0]))
        {
            return ([], args);
        }

        var verb = new List<string>();
        var host = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || VerbOptions.Contains(a))
            {
                verb.Add(a);
                if (VerbOptions.Contains(a) && !Flags.Contains(a) && i + 1 < args.Length)
                {
                    verb.Add(args[++i]);
                }
            }
            else
            {
                host.Add(a);
                if (!a.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    host.Add(args[++i]);
                }
            }
        }

        return (verb, [.. host]);
    }

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> verb)
    {
        // Messages on the command line are in English (administrators' scripts grep them).
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-GB");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentActor>().ActAs(AccessScope.System);
        var db = services.GetRequiredService<PasserelleDb>();
        var options = ParseOptions(verb);
        var head = string.Join(' ', verb.TakeWhile(v => !v.StartsWith("--", StringComparison.Ordinal)));
        try
        {
            return head switch
            {
                "db migrate" => await MigrateAsync(db),
                "seed" when options.ContainsKey("--demo") => await SeedAsync(services, db),
                "users add" => await AddUserAsync(services, options),
                "tokens create" => await CreateTokenAsync(services, options),
                "tokens revoke" => await RevokeTokensAsync(services, options),
                "audit verify" => await VerifyAuditAsync(db),
                "retention run" => await RunRetentionAsync(services),
                "outbox send" => await SendOutboxAsync(services),
                "panel digest" => await SendPanelDigestsAsync(services),
                "programme release-alerts" => await RaiseReleaseAlertsAsync(services),
                "match dedupe" => MatchCommands.Dedupe(name => Required(options, name), MatchCommands.Ignored(options.GetValueOrDefault("--ignore"))),
                "match reindex" => await ReindexCommand.RunAsync(db, services.GetRequiredService<AuditLog>(), services.GetRequiredService<TimeProvider>()),
                "match link" => MatchCommands.Link(name => Required(options, name), MatchCommands.Ignored(options.GetValueOrDefault("--ignore"))),
                _ => UsageError(head is "help" or "--help" ? null : $"unknown command '{string.Join(' ', verb)}'"),
            };
        }
        catch (UsageException e)
        {
            return UsageError(e.Message);
        }
        catch (RecordCsvException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static Dictionary<string, string> ParseOptions(IReadOnlyList<string> verb)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < verb.Count; i++)
        {
            if (!verb[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            if (Flags.Contains(verb[i]))
            {
                options[verb[i]] = "true";
            }
            else if (i + 1 < verb.Count)
            {
                options[verb[i]] = verb[++i];
            }
            else
            {
                throw new UsageException($"option {verb[i]} needs a value");
            }
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new UsageException($"option {name} is required");

    private static async Task<int> MigrateAsync(PasserelleDb db)
    {
        await db.MigrateAsync();
        await Features.Assessments.AssessmentGridSeed.EnsureAsync(db);
        Console.WriteLine("Database migrated.");
        return 0;
    }

    private static async Task<int> SeedAsync(IServiceProvider services, PasserelleDb db)
    {
        await db.MigrateAsync();
        if (!await DemoSeed.RunAsync(services))
        {
            Console.Error.WriteLine("The database already has users: demo data is only added to an empty database.");
            return 1;
        }

        return 0;
    }

    private static async Task<int> AddUserAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var email = Required(options, "--email");
        var role = Required(options, "--role");
        var territory = Required(options, "--territory");
        var password = Required(options, "--password");
        var name = options.GetValueOrDefault("--name") ?? email;
        var result = await UserAccounts.CreateAsync(services, email, name, role, territory, password);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"error: {(error.Field.Length > 0 ? error.Field + ": " : string.Empty)}{Localization.Texts.Format(error.MessageKey, error.Args)}");
            }

            return 1;
        }

        Console.WriteLine($"User {email} created ({role}, {result.User!.Territories}).");
        return 0;
    }

    private static async Task<int> CreateTokenAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var email = Required(options, "--email");
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            Console.Error.WriteLine($"error: no user with email {email}");
            return 1;
        }

        var token = await AccessTokens.CreateAsync(services, user, "cli");
        Console.WriteLine(token);
        return 0;
    }

    private static async Task<int> RevokeTokensAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var email = Required(options, "--email");
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            Console.Error.WriteLine($"error: no user with email {email}");
            return 1;
        }

        var count = await AccessTokens.RevokeAllAsync(services, user);
        Console.WriteLine($"{count} token(s) revoked for {email}.");
        return 0;
    }

    private static async Task<int> RunRetentionAsync(IServiceProvider services)
    {
        var results = await services.GetRequiredService<Features.Retention.RetentionJob>().RunAsync("cli", CancellationToken.None);
        Console.WriteLine("Retention run (records past their deadline, deleted):");
        foreach (var r in results)
        {
            Console.WriteLine($"  {r.Rule,-20} {r.Deleted}");
        }

        return 0;
    }

    private static async Task<int> SendOutboxAsync(IServiceProvider services)
    {
        var sent = await services.GetRequiredService<Mail.OutboxSender>().SendDueAsync(CancellationToken.None);
        var waiting = await services.GetRequiredService<PasserelleDb>().OutboxMessages.CountAsync(m => m.SentAt == null);
        Console.WriteLine($"{sent} message(s) sent; {waiting} still waiting (failed ones are retried later).");
        return 0;
    }

    private static async Task<int> SendPanelDigestsAsync(IServiceProvider services)
    {
        var sent = await services.GetRequiredService<Features.Panel.Reviews.PanelDigestJob>().RunAsync(CancellationToken.None);
        Console.WriteLine($"{sent} panel digest(s) queued in the outbox (départements with nothing due, or already sent today, get none).");
        return 0;
    }

    private static async Task<int> RaiseReleaseAlertsAsync(IServiceProvider services)
    {
        var results = await services.GetRequiredService<Features.Programme.Releases.ReleaseAlertJob>().RunAsync(CancellationToken.None);
        Console.WriteLine("Release alerts raised (releases with nothing planned, per site):");
        foreach (var r in results)
        {
            Console.WriteLine($"  {r.SiteCode,-6} 6 months: {r.SixMonths}  3 months: {r.ThreeMonths}  {(r.Mailed ? "mail queued" : "no site mailbox: no mail")}");
        }

        Console.WriteLine($"{results.Sum(r => r.SixMonths + r.ThreeMonths)} alert(s) raised; {results.Count(r => r.Mailed)} mail(s) queued in the outbox.");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(PasserelleDb db)
    {
        var result = await AuditVerifier.VerifyAsync(db);
        if (result.Holds)
        {
            Console.WriteLine($"Audit chain holds: {result.Checked} event(s) verified.");
            return 0;
        }

        Console.Error.WriteLine($"Audit chain BROKEN at event #{result.BrokenAt}: {result.Problem}. {result.Checked} event(s) before it verified.");
        return 1;
    }

    private static int UsageError(string? message)
    {
        if (message is not null)
        {
            Console.Error.WriteLine($"error: {message}");
        }

        Console.Error.WriteLine(Usage);
        return message is null ? 0 : 2;
    }

    private sealed class UsageException(string message) : Exception(message);
}
