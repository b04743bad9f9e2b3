using System.Collections.Concurrent;
using Passerelle.Web.Mail;

namespace Passerelle.Web.Tests.Infrastructure;

/// <summary>Outgoing mail, mocked (the one outside dependency tests may mock): keeps what was sent; can be told to fail.</summary>
internal sealed class TestMailbox : IMailSender
{
    public ConcurrentQueue<(string To, string Subject, string Body)> Sent { get; } = new();

    /// <summary>When set, every send throws (an SMTP relay that is down).</summary>
    public bool Failing { get; set; }

    public Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        if (Failing)
        {
            throw new InvalidOperationException("SMTP relay unavailable (test)");
        }

        Sent.Enqueue((to, subject, body));
        return Task.CompletedTask;
    }
}
