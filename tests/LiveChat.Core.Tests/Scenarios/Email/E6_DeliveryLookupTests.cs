using LiveChat.Core.Email;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>
/// E6, fault kind "hostile text": looking up an outbox entry by an id no entry can have (a NUL, a lone surrogate) answers
/// "none" on every store alike. PostgreSQL cannot hold such text and its driver threw an undocumented
/// <see cref="System.Text.EncoderFallbackException"/>, where the in-memory and SQLite stores answered null.
/// </summary>
public sealed class E6_DeliveryLookupTests
{
    // By name: an attribute argument with a lone surrogate does not survive compilation (it is stored as U+FFFD).
    private static readonly Dictionary<string, string> Hostile = new()
    {
        ["nul"] = "a\0b",
        ["lone-high"] = "lone \uD800 x",
        ["lone-low"] = "lone \uDC00 x",
        ["reversed-pair"] = "reversed \uDC00\uD800 x",
    };

    [Theory]
    [InlineData("nul")]
    [InlineData("lone-high")]
    [InlineData("lone-low")]
    [InlineData("reversed-pair")]
    public async Task GetDelivery_IdNoEntryCanHave_IsNullWithoutAskingTheStore(string kind)
    {
        var id = Hostile[kind];
        var store = new TextRefusingEmailStore();
        await using var provider = new ServiceCollection().AddLiveChat().UseEmailStore(_ => store).Services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();

        (await chat.Email.GetDeliveryAsync(id)).Should().BeNull();
        store.Lookups.Should().Be(0);
    }

    [Fact]
    public async Task GetDelivery_OrdinaryId_AsksTheStore()
    {
        var store = new TextRefusingEmailStore();
        await using var provider = new ServiceCollection().AddLiveChat().UseEmailStore(_ => store).Services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();

        (await chat.Email.GetDeliveryAsync("d-1")).Should().BeNull();
        store.Lookups.Should().Be(1);
    }

    /// <summary>An in-memory store that, like PostgreSQL, cannot take text with a NUL or a lone surrogate.</summary>
    private sealed class TextRefusingEmailStore : IEmailStore
    {
        private readonly InMemoryEmailStore _inner = new();

        public int Lookups { get; private set; }

        public ValueTask<EmailDelivery> EnqueueAsync(EmailDelivery delivery, CancellationToken cancellationToken = default) => _inner.EnqueueAsync(delivery, cancellationToken);

        public ValueTask<EmailDelivery?> FindDeliveryAsync(string id, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return id.Contains('\0', StringComparison.Ordinal) || id.Any(char.IsSurrogate)
                ? throw new System.Text.EncoderFallbackException("cannot encode")
                : _inner.FindDeliveryAsync(id, cancellationToken);
        }

        public ValueTask<IReadOnlyList<EmailDelivery>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) => _inner.GetDueAsync(now, limit, cancellationToken);

        public ValueTask<bool> TryUpdateDeliveryAsync(EmailDelivery updated, CancellationToken cancellationToken = default) => _inner.TryUpdateDeliveryAsync(updated, cancellationToken);

        public ValueTask<EmailRecipient?> FindRecipientAsync(WorkspaceId workspace, Conversations.ConversationId conversationId, CancellationToken cancellationToken = default) => _inner.FindRecipientAsync(workspace, conversationId, cancellationToken);

        public ValueTask<bool> TrySaveRecipientAsync(EmailRecipient recipient, CancellationToken cancellationToken = default) => _inner.TrySaveRecipientAsync(recipient, cancellationToken);
    }
}
