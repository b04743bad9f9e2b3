namespace Passerelle.Web.Features.Retention;

/// <summary>
/// The retention periods the software enforces (red line 5), read from the "Retention" configuration
/// section with these defaults. A deadline is written on each record when the rule starts to run
/// (e.g. <see cref="Domain.Report.RetainUntil"/> when a report is closed as not pursued); the retention
/// job deletes what has passed its deadline and writes a purge report.
/// </summary>
internal sealed class RetentionRules
{
    /// <summary>A report closed as not pursued: short retention, 6 months after closing by default.</summary>
    public TimeSpan NotPursuedReport { get; init; } = TimeSpan.FromDays(183);

    /// <summary>A sectarian-drift referral, 2 years after it was answered or closed by default.</summary>
    public TimeSpan SectarianReferral { get; init; } = TimeSpan.FromDays(730);

    /// <summary>
    /// A case closed by a panel decision (approved by the chair): 5 years after closing by default, then the
    /// case and its records are deleted, and the person when no other case remains.
    /// </summary>
    public TimeSpan ClosedCase { get; init; } = TimeSpan.FromDays(1826);

    /// <summary>A care plan once ended (closed or consent withdrawn): 5 years by default, then the plan, its rows and its referral are deleted.</summary>
    public TimeSpan EndedCarePlan { get; init; } = TimeSpan.FromDays(1826);

    /// <summary>A panel's referral to the CPRAF that the person (or guardians) declined: 1 year after the refusal by default.</summary>
    public TimeSpan DeclinedCareReferral { get; init; } = TimeSpan.FromDays(365);

    /// <summary>
    /// A programme participant whose participation ended (or who was never enrolled): 5 years after the end by
    /// default, then deleted with obligations, plan components and events (the evaluation then no longer counts them).
    /// </summary>
    public TimeSpan EndedParticipant { get; init; } = TimeSpan.FromDays(1826);

    /// <summary>Sent e-mails of the outbox, 30 days after sending (they may carry an answer's text).</summary>
    public TimeSpan SentMessage { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Idempotency keys and their stored answers, 30 days after the request by default (a retry comes within minutes).</summary>
    public TimeSpan IdempotencyKey { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often the background job runs (each instance tries; a lease lets one run).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// A privacy text with the periods in force, in whole months: {0} a report not pursued, {1} a Miviludes
    /// referral (so what the public reads follows the configuration).
    /// </summary>
    public static string Describe(string text, RetentionRules rules) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text, Months(rules.NotPursuedReport), Months(rules.SectarianReferral));

    private static int Months(TimeSpan period) => Math.Max(1, (int)Math.Round(period.TotalDays / 30.4));

    public static RetentionRules From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Retention");
        var defaults = new RetentionRules();
        return new RetentionRules
        {
            NotPursuedReport = Days(section, "NotPursuedReportDays", defaults.NotPursuedReport),
            SectarianReferral = Days(section, "SectarianReferralDays", defaults.SectarianReferral),
            ClosedCase = Days(section, "ClosedCaseDays", defaults.ClosedCase),
            EndedParticipant = Days(section, "EndedParticipantDays", defaults.EndedParticipant),
            SentMessage = Days(section, "SentMessageDays", defaults.SentMessage),
            EndedCarePlan = Days(section, "EndedCarePlanDays", defaults.EndedCarePlan),
            DeclinedCareReferral = Days(section, "DeclinedCareReferralDays", defaults.DeclinedCareReferral),
            IdempotencyKey = Days(section, "IdempotencyKeyDays", defaults.IdempotencyKey),
            Interval = section["IntervalMinutes"] is { } minutes
                ? int.TryParse(minutes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && m is > 0 and <= 10_080
                    ? TimeSpan.FromMinutes(m)
                    : throw new InvalidOperationException($"Retention:IntervalMinutes must be a whole number of minutes between 1 and 10080, not '{minutes}'.")
                : defaults.Interval,
        };
    }

    private static TimeSpan Days(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var value = section[key];
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 36_500
            ? TimeSpan.FromDays(days)
            : throw new InvalidOperationException($"Retention:{key} must be a whole number of days between 1 and 36500, not '{value}'.");
    }
}
