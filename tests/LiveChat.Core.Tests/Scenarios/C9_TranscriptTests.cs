using LiveChat.Core.Conversations;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>C9: a transcript with start and end times and participants.</summary>
public sealed class C9_TranscriptTests
{
    [Fact]
    public async Task Transcript_HasStartEndParticipantsAndEveryMessage()
    {
        await using var h = new LiveChatHarness(o => o.BotDisplayName = "Leo");
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var start = h.Clock.GetUtcNow();
        var (conversation, token) = await h.StartAsync("Jana");
        var id = conversation.Id;
        await h.Chat.Conversations.PostBotMessageAsync(h.Workspace, id, "Hi!");
        await h.Chat.Visitors.RequestAgentAsync(h.Workspace, id, token);
        await h.Chat.Conversations.AssignAsync(h.Workspace, id, bob);
        h.Clock.Advance(TimeSpan.FromMinutes(7));
        await h.Chat.Conversations.EndAsync(h.Workspace, id, bob);

        var transcript = await h.Chat.Conversations.GetTranscriptAsync(h.Workspace, id);

        transcript.StartedAt.Should().Be(start);
        transcript.EndedAt.Should().Be(start.AddMinutes(7));
        transcript.Participants.Select(p => (p.Kind, p.DisplayName)).Should().Equal(
            (SenderKind.Visitor, "Jana"), (SenderKind.Bot, "Leo"), (SenderKind.Agent, "Agent alice"), (SenderKind.Agent, "Agent bob"));
        transcript.Messages.Select(m => m.Sequence).Should().BeInAscendingOrder().And.HaveCount(5);
        transcript.ToPlainText().Should()
            .Contain("Started: 2026-11-23 09:00:00 UTC")
            .And.Contain("Ended:   2026-11-23 09:07:00 UTC")
            .And.Contain("Leo: Hi!")
            .And.Contain("Agent alice handed the conversation to Agent bob.");
    }

    [Fact]
    public async Task Transcript_OfAnOngoingConversation_SaysSo()
    {
        await using var h = new LiveChatHarness();
        var (conversation, _) = await h.StartAsync();

        var transcript = await h.Chat.Conversations.GetTranscriptAsync(h.Workspace, conversation.Id);

        transcript.EndedAt.Should().BeNull();
        transcript.ToPlainText().Should().Contain("(ongoing)");
    }
}
