using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// R7, X3: an offer's expiry is in the due-work store before the offer is. Recorded after the commit (by a reaction off
/// the caller's path), it was lost when the process stopped right after the offer: the stop cancels that reaction, and
/// the restarted process, finding no item, never loaded the workspace, so the offer never expired (outside checker's
/// restart check, issue 15, failed once in eight runs).
/// </summary>
public sealed class OfferExpiryRecordTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task AnOffersExpiry_IsRecorded_BeforeTheOfferIsStored()
    {
        var conversations = new InMemoryLiveChatStore();
        var dueWork = new OrderCheckingDueWorkStore(conversations);
        var services = new ServiceCollection().AddSingleton<IDueWorkStore>(dueWork)
            .AddLiveChat(o => o.Routing.Mode = RoutingMode.Offer).UseStore(_ => conversations).Services;
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 3));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        var (conversation, _) = await chat.Conversations.StartAsync(Acme);

        var handoff = await chat.Conversations.RequestAgentAsync(Acme, conversation.Id);

        handoff.Outcome.Should().Be(HandoffOutcome.Offered);
        dueWork.FirstOfferExpiry.Should().NotBeNull("the offer's expiry is recorded by the time the handoff returns");
        var (item, offerStored) = dueWork.FirstOfferExpiry!.Value;
        offerStored.Should().BeFalse("the expiry is written ahead of the offer");
        item.DueAt.Should().Be(handoff.Conversation.Routing!.Offer!.ExpiresAt);
    }

    /// <summary>Notes, at the first offer expiry scheduled, whether the conversation already had its offer stored.</summary>
    private sealed class OrderCheckingDueWorkStore(InMemoryLiveChatStore conversations) : IDueWorkStore
    {
        private readonly InMemoryDueWorkStore _inner = new();

        public (DueWork Item, bool OfferStored)? FirstOfferExpiry { get; private set; }

        public async ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default)
        {
            if (work.Kind == DueWorkKind.OfferExpiry && FirstOfferExpiry is null)
            {
                var stored = await conversations.FindConversationAsync(work.Workspace, ConversationId.Parse(work.Subject, null), cancellationToken);
                FirstOfferExpiry = (work, stored?.Routing?.Offer is not null);
            }

            return await _inner.ScheduleAsync(work, cancellationToken);
        }

        public ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
            => _inner.FindAsync(workspace, subject, kind, cancellationToken);

        public ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, DueWorkPartition partition = default, CancellationToken cancellationToken = default)
            => _inner.ListDueAsync(dueBy, limit, partition, cancellationToken);

        public ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default) => _inner.TryCompleteAsync(work, cancellationToken);

        public ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
            => _inner.CancelAsync(workspace, subject, kind, cancellationToken);
    }
}
