using System.Net.Mail;
using System.Text;

namespace Passerelle.Web.Mail;

/// <summary>Sends one e-mail. The only outgoing side effect of the application (tests replace it).</summary>
internal interface IMailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

/// <summary>The "Mail" configuration section: an SMTP relay, or a pickup directory when none is set (development, demo).</summary>
internal sealed class MailOptions
{
    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; } = 25;

    public bool SmtpSsl { get; init; } = true;

    public string From { get; init; } = "passerelle@localhost";

    /// <summary>Where messages are written as .eml files when no SMTP host is set.</summary>
    public string PickupDirectory { get; init; } = "data/mail";

    /// <summary>How often the outbox is polled, in seconds.</summary>
    public int PollSeconds { get; init; } = 5;
}

/// <summary>Sends through the configured SMTP relay (System.Net.Mail).</summary>
internal sealed class SmtpMailSender(MailOptions options) : IMailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort) { EnableSsl = options.SmtpSsl };
        using var message = new MailMessage(options.From, to, subject, body)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        await client.SendMailAsync(message, ct);
    }
}

/// <summary>Writes each message as an .eml file in a directory: what a development machine or the demo uses.</summary>
internal sealed class PickupDirectoryMailSender(MailOptions options, IHostEnvironment environment, TimeProvider clock) : IMailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var directory = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.PickupDirectory));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        var text = new StringBuilder()
            .Append("Date: ").Append(clock.GetUtcNow().ToString("r", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("From: ").Append(options.From).Append("\r\n")
            .Append("To: ").Append(to).Append("\r\n")
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(subject))).Append("?=\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .Append(body)
            .ToString();
        await File.WriteAllTextAsync(file, text, new UTF8Encoding(false), ct);
    }
}
