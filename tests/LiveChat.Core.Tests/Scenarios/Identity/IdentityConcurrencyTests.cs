using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>Chat tracking under concurrency, and isolation between workspaces (I2, X2).</summary>
public sealed class IdentityConcurrencyTests
{
    [Fact]
    public async Task ManyConversationsOfOneNewClient_ResolvedAtOnce_MakeOneContactAndOneLead()
    {
        await using var h = new LiveChatHarness();
        var conversations = new List<ConversationId>();
        for (var i = 0; i < 32; i++)
        {
            conversations.Add(await h.StartOnAsync(i % 2 == 0 ? "webchat" : "telegram"));
        }

        var results = await Task.WhenAll(conversations.Select(c => Task.Run(() => h.IdentifyAsync(c, r => r with { Email = "rush@example.com", Name = "Rush" }))));

        results.Select(r => r.Contact!.Id).Distinct().Should().ContainSingle();
        results.Count(r => r.Outcome == IdentifyOutcome.Created).Should().Be(1);
        var contact = await h.Chat.Identity.GetContactAsync(h.Workspace, results[0].Contact!.Id);
        contact.Conversations.Select(c => c.ConversationId).Should().BeEquivalentTo(conversations);
        (await h.Chat.Crm.Gateway.FindByEmailAsync(h.Workspace, "rush@example.com")).Should().ContainSingle();
    }

    [Fact]
    public async Task Workspaces_NeverShareContacts()
    {
        await using var h = new LiveChatHarness();
        var other = new WorkspaceId("globex");
        var here = await h.StartOnAsync("webchat");
        var there = (await h.Chat.Conversations.StartAsync(other)).Conversation.Id;

        var a = await h.IdentifyAsync(here, r => r with { Email = "same@example.com" });
        var b = await h.Chat.Identity.IdentifyAsync(other, new IdentifyRequest { ConversationId = there, Email = "same@example.com" });

        b.Outcome.Should().Be(IdentifyOutcome.Created);
        b.Contact!.Id.Should().NotBe(a.Contact!.Id);
        await FluentActions.Awaiting(() => h.Chat.Identity.GetContactAsync(other, a.Contact.Id).AsTask()).Should().ThrowAsync<ContactNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Identity.IdentifyAsync(other, new IdentifyRequest { ConversationId = here, Email = "x@example.com" }).AsTask())
            .Should().ThrowAsync<ConversationNotFoundException>();
    }
}
