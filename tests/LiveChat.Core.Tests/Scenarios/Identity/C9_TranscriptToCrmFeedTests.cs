using LiveChat.Core.Crm;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>C9 (CRM side): when a conversation with a matched record ends, its transcript lands in that record's activity feed.</summary>
public sealed class C9_TranscriptToCrmFeedTests
{
    [Fact]
    public async Task EndingAMatchedConversation_CopiesTheTranscriptIntoTheRecordsFeed()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.AssignedToAsync(alice);
        var contact = (await h.IdentifyAsync(conversation.Id, r => r with { Email = "zoe@example.com", Name = "Zoé" })).Contact!;
        await h.Chat.Visitors.PostAsync(h.Workspace, conversation.Id, token, "Do you ship to Belgium?");
        await h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, conversation.Id, alice, "We do!");
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        await h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id, alice);
        await h.SettleAsync(); // The transcript copy reacts to the end off the caller's path.

        var chat = (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, contact.CrmRecord!.Value, CrmActivityType.Chat)).Should().ContainSingle().Subject;
        chat.OccurredAt.Should().Be(conversation.StartedAt);
        chat.AgentId.Should().Be(alice);
        chat.ContactName.Should().Be("Zoé");
        chat.Text.Should().Be("Do you ship to Belgium?");
        chat.TranscriptReference.Should().Be($"urn:livechat:acme:conversation:{conversation.Id}");
        chat.Transcript.Should().Contain("Do you ship to Belgium?").And.Contain("We do!").And.Contain("Ended:   2026-11-23 09:05:00 UTC");
    }

    [Fact]
    public async Task EndingAnUnmatchedConversation_WritesNothing()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);
        var lead = await h.Chat.Crm.Gateway.CreateAsync(h.Workspace, new CrmRecordDraft { Kind = CrmRecordKind.Lead, Name = "Someone" });

        await h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id, alice);

        (await h.Chat.Crm.Gateway.ListActivitiesAsync(h.Workspace, lead.Id)).Should().BeEmpty();
    }
}
