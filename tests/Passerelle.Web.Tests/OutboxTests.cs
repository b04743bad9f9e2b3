using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Web.Data;
using Passerelle.Web.Mail;
using Passerelle.Web.Tests.Infrastructure;

namespace Passerelle.Web.Tests;

/// <summary>
/// The outbox: a message written with the change that calls for it is sent once by the sender, marked
/// sent; a relay that fails leaves it waiting with the error and a delay before the next try; nothing
/// is lost and a leased message is not sent twice by a second sender.
/// </summary>
public sealed class OutboxTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private Task<Guid> QueueAsync(string to) => factory.WithDbAsync(async db =>
    {
        var message = new OutboxMessage { To = to, Subject = "Alerte", Body = "Corps du message", Kind = "test", CreatedAt = factory.Clock.GetUtcNow().UtcDateTime };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    private Task<int> SendAsync() => factory.AsSystemAsync(services => services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));

    private Task<OutboxMessage> MessageAsync(Guid id) => factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task AQueuedMessage_IsSentOnce_AndMarkedSent()
    {
        var id = await QueueAsync("once@example.fr");
        (await SendAsync()).ShouldBeGreaterThanOrEqualTo(1);
        factory.Mailbox.Sent.Count(m => m.To == "once@example.fr").ShouldBe(1);
        var message = await MessageAsync(id);
        message.SentAt.ShouldNotBeNull();
        message.Attempts.ShouldBe(1);

        await SendAsync();
        factory.Mailbox.Sent.Count(m => m.To == "once@example.fr").ShouldBe(1);
    }

    [Fact]
    public async Task ARelayThatFails_LeavesTheMessageWaitingWithItsError_AndItIsSentOnceTheDelayHasPassed()
    {
        await SendAsync(); // nothing else pending
        var id = await QueueAsync("retry@example.fr");
        factory.Mailbox.Failing = true;
        try
        {
            await SendAsync();
        }
        finally
        {
            factory.Mailbox.Failing = false;
        }

        var failed = await MessageAsync(id);
        failed.SentAt.ShouldBeNull();
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldNotBeNull().ShouldContain("SMTP relay unavailable");
        failed.LeaseUntil.ShouldNotBeNull().ShouldBeGreaterThan(factory.Clock.GetUtcNow().UtcDateTime);

        // Not before the delay…
        await SendAsync();
        factory.Mailbox.Sent.Any(m => m.To == "retry@example.fr").ShouldBeFalse();

        // …then once.
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        await SendAsync();
        factory.Mailbox.Sent.Count(m => m.To == "retry@example.fr").ShouldBe(1);
        (await MessageAsync(id)).SentAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task AMessageLeasedByAnotherInstance_IsNotSentUntilTheLeasePasses()
    {
        var id = await QueueAsync("leased@example.fr");
        var until = factory.Clock.GetUtcNow().UtcDateTime + OutboxSender.Lease;
        await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.LeaseHolder, "other-instance")));

        await SendAsync();
        factory.Mailbox.Sent.Any(m => m.To == "leased@example.fr").ShouldBeFalse();

        factory.Clock.Advance(OutboxSender.Lease + TimeSpan.FromSeconds(1));
        await SendAsync();
        factory.Mailbox.Sent.Count(m => m.To == "leased@example.fr").ShouldBe(1);
    }
}
