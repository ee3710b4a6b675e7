using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiveChat.Core.Conversations;
using LiveChat.Core.Diagnostics;
using LiveChat.Core.Email;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>E6: the outbox retries with exponential backoff, never sends twice, reports a terminal failure, and is queryable.</summary>
public sealed class E6_OutboxTests
{
    [Fact]
    public async Task ATransportThatFailsTwice_IsRetriedWithBackoff_AndTheEmailIsSentOnce()
    {
        var transport = new FlakyTransport(failures: 2);
        await using var s = new EmailScenario(o => o.Email.InitialRetryDelay = TimeSpan.FromSeconds(10), transport);
        var started = await s.H.StartAsync();

        var delivery = await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, "ana@example.com");
        await s.SettleAsync();
        var afterFirst = await s.Chat.Email.GetDeliveryAsync(delivery.Id);
        afterFirst!.Status.Should().Be(EmailDeliveryStatus.Pending);
        afterFirst.Attempts.Should().Be(1);
        afterFirst.NextAttemptAt.Should().Be(s.H.Clock.GetUtcNow() + TimeSpan.FromSeconds(10));
        afterFirst.LastError.Should().Contain("SMTP down");

        await s.AdvanceAsync(TimeSpan.FromSeconds(10));
        (await s.Chat.Email.GetDeliveryAsync(delivery.Id))!.NextAttemptAt.Should().Be(s.H.Clock.GetUtcNow() + TimeSpan.FromSeconds(20), "the wait doubles");
        await s.AdvanceAsync(TimeSpan.FromSeconds(19));
        transport.Delivered.Should().BeEmpty();
        await s.AdvanceAsync(TimeSpan.FromSeconds(1));

        transport.Delivered.Should().ContainSingle().Which.MessageId.Should().Be(delivery.Message.MessageId);
        var sent = await s.Chat.Email.GetDeliveryAsync(delivery.Id);
        sent!.Status.Should().Be(EmailDeliveryStatus.Sent);
        sent.Attempts.Should().Be(3);
        await s.AdvanceAsync(TimeSpan.FromHours(2));
        (await s.Chat.Email.DispatchDueAsync()).Should().Be(0);
        transport.Delivered.Should().ContainSingle();
    }

    [Fact]
    public async Task ATransportThatNeverRecovers_EndsFailed_AndTheFailureIsPublished()
    {
        var transport = new FlakyTransport(failures: int.MaxValue);
        var logs = new RecordingLoggerProvider();
        var results = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LiveChatMetrics.Name && instrument.Name == "livechat.email.attempts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "livechat.email.result")
                {
                    results.Enqueue((string)tag.Value!);
                }
            }
        });
        listener.Start();
        await using var s = new EmailScenario(o =>
        {
            o.Email.MaxAttempts = 3;
            o.Email.InitialRetryDelay = TimeSpan.FromSeconds(5);
        }, transport, services => services.AddLogging(b => b.AddProvider(logs)));
        await using var events = s.Chat.Events.Subscribe(s.Workspace);
        var started = await s.H.StartAsync();

        var delivery = await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, "ana@example.com");
        await s.SettleAsync();
        await s.AdvanceAsync(TimeSpan.FromSeconds(5));
        await s.AdvanceAsync(TimeSpan.FromSeconds(10));
        await s.AdvanceAsync(TimeSpan.FromHours(1));

        var failed = await s.Chat.Email.GetDeliveryAsync(delivery.Id);
        failed!.Status.Should().Be(EmailDeliveryStatus.Failed);
        failed.Attempts.Should().Be(3);
        transport.Attempts.Should().Be(3);
        var published = new List<LiveChatEvent>();
        while (events.Reader.TryRead(out var e))
        {
            published.Add(e);
        }

        published.OfType<EmailDeliveryFailed>().Should().ContainSingle().Which.Email.Should().Be(new FailedEmail(delivery.Id, failed.Kind, failed.Message.To, failed.Message.Subject, 3, failed.LastError));
        logs.Messages.Should().ContainSingle(m => m.Contains($"E-mail {delivery.Id}", StringComparison.Ordinal) && m.Contains("failed for good after 3 attempts", StringComparison.Ordinal));
        results.Should().Contain("failed").And.Contain("retry", "the meter counts every attempt's result");
    }

    [Fact]
    public async Task TheSameEntryEnqueuedTwice_IsStoredOnce()
    {
        var store = new InMemoryEmailStore();
        var entry = new EmailDelivery
        {
            Id = "transcript.x.1",
            Workspace = new WorkspaceId("acme"),
            ConversationId = new ConversationId(Guid.CreateVersion7()),
            Kind = EmailKind.Transcript,
            Message = new EmailMessage
            {
                MessageId = "transcript.x.1@acme.example",
                From = EmailAddress.Create("admin@acme.example"),
                To = EmailAddress.Create("ana@example.com"),
                Subject = "s",
                HtmlBody = "<p>h</p>",
                TextBody = "t",
            },
            Version = 1,
        };

        var first = await store.EnqueueAsync(entry);
        var second = await store.EnqueueAsync(entry with { Message = entry.Message with { Subject = "other" } });

        second.Should().BeSameAs(first);
        (await store.TryUpdateDeliveryAsync(first with { Version = 3 })).Should().BeFalse("a stale or skipped version never wins");
        (await store.TryUpdateDeliveryAsync(first with { Status = EmailDeliveryStatus.Sending, Version = 2 })).Should().BeTrue();
        (await store.TryUpdateDeliveryAsync(first with { Status = EmailDeliveryStatus.Sending, Version = 2 })).Should().BeFalse("only one claim wins");
    }

    [Fact]
    public async Task GetDelivery_UnknownId_IsNull()
    {
        await using var s = new EmailScenario();

        (await s.Chat.Email.GetDeliveryAsync("transcript.none.1")).Should().BeNull();
    }

    [Fact]
    public async Task ConcurrentDispatchers_SendEachEntryOnce()
    {
        var transport = new FlakyTransport(failures: 0);
        await using var s = new EmailScenario(transport: transport);
        for (var i = 0; i < 20; i++)
        {
            var started = await s.H.StartAsync();
            await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, started.Conversation.Id, started.VisitorToken, $"v{i}@example.com");
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => s.Chat.Email.DispatchDueAsync().AsTask()));
        await s.SettleAsync();

        transport.Delivered.Should().HaveCount(20);
        transport.Delivered.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Options_InvalidEmailSettings_AreRefusedAtStart()
    {
        var act = async () =>
        {
            await using var h = new LiveChatHarness(o =>
            {
                o.Email.MaxAttempts = 0;
                o.Email.DefaultLanguage = "xx";
                o.Email.DefaultSenderAddress = "not an address";
            });
        };

        var error = (await act.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which;
        error.Failures.Should().HaveCount(3);
    }

    /// <summary>Fails the first <c>failures</c> attempts, then records.</summary>
    private sealed class FlakyTransport(int failures) : IEmailTransport
    {
        private readonly Lock _gate = new();
        private readonly List<EmailMessage> _delivered = [];
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public IReadOnlyList<EmailMessage> Delivered
        {
            get
            {
                lock (_gate)
                {
                    return [.. _delivered];
                }
            }
        }

        public ValueTask SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _attempts) <= failures)
            {
                throw new IOException("SMTP down");
            }

            lock (_gate)
            {
                _delivered.Add(message);
            }

            return ValueTask.CompletedTask;
        }
    }
}
