using LiveChat.Core;
using LiveChat.Core.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>E6 on SQLite: an e-mail the first host could not send is still queued in the file, and the next host sends it.</summary>
public sealed class SqliteEmailOutboxTests
{
    [Fact]
    public async Task AQueuedEmail_SurvivesARestart_AndIsSentOnceByTheNextHost()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        string id;
        await using (var first = Host(database, clock, new DownTransport()))
        {
            var chat = first.GetRequiredService<LiveChatEngine>();
            var (conversation, token) = await chat.Conversations.StartAsync(new WorkspaceId("acme"));
            id = (await chat.Visitors.SendTranscriptAsync(new WorkspaceId("acme"), conversation.Id, token, "ana@example.com")).Id;
            await chat.Email.WhenIdleAsync();
            (await chat.Email.GetDeliveryAsync(id))!.Status.Should().Be(EmailDeliveryStatus.Pending);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        await using var second = Host(database, clock, null);
        var engine = second.GetRequiredService<LiveChatEngine>();
        var sent = await engine.Email.DispatchDueAsync();

        sent.Should().Be(1);
        second.GetRequiredService<InMemoryEmailTransport>().Sent.Should().ContainSingle().Which.To.Address.Should().Be("ana@example.com");
        var delivery = await engine.Email.GetDeliveryAsync(id);
        delivery!.Status.Should().Be(EmailDeliveryStatus.Sent);
        delivery.Attempts.Should().Be(2);
        (await engine.Email.DispatchDueAsync()).Should().Be(0);
    }

    private static ServiceProvider Host(TempDatabase database, FakeTimeProvider clock, IEmailTransport? transport)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        if (transport is not null)
        {
            services.AddSingleton(transport);
        }

        services.AddLiveChat(o => o.Email.DefaultSenderAddress = "admin@acme.example")
            .UseSqlite(database.ConnectionString)
            .UseSqliteEmailStore(database.ConnectionString);
        return services.BuildServiceProvider();
    }

    private sealed class DownTransport : IEmailTransport
    {
        public ValueTask SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
            => throw new IOException("The SMTP server is down.");
    }
}
