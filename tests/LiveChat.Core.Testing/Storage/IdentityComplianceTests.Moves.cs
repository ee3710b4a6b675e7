using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <content>An automatic conversation move and its undo, kept by the store like every other identity entry (issue 12).</content>
public abstract partial class IdentityComplianceTests
{
    [Fact]
    public async Task Engine_AConversationMovedAndItsUndo_SurviveARestart()
    {
        var crm = new InMemoryCrm(Clock);
        var settings = new IdentitySettings { DefaultRegion = "FR" };
        ContactId jean;
        ConversationId claire;
        ConversationMoved move;
        // Engines are not disposed: that would dispose the store the next one reads, as a restarted process does.
        {
            var chat = EngineOverStore(crm).GetRequiredService<LiveChatEngine>();
            chat.Identity.Configure(WorkspaceA, settings);
            var jeanChat = (await chat.Conversations.StartAsync(WorkspaceA)).Conversation;
            jean = (await chat.Identity.IdentifyAsync(WorkspaceA, new IdentifyRequest
            {
                ConversationId = jeanChat.Id, Name = "Jean Dupont", Email = "jean@example.fr", Phone = "01 42 68 53 00",
            })).Contact!.Id;
            claire = (await chat.Conversations.StartAsync(WorkspaceA)).Conversation.Id;
            await chat.Identity.IdentifyAsync(WorkspaceA, new IdentifyRequest { ConversationId = claire, ChannelHandle = "v-claire", Phone = "01 42 68 53 00" });
            await chat.Identity.IdentifyAsync(WorkspaceA, new IdentifyRequest { ConversationId = claire, ChannelHandle = "v-claire", Name = "Claire", Email = "claire@example.org" });
            move = (await chat.Identity.GetLogAsync(WorkspaceA)).OfType<ConversationMoved>().Should().ContainSingle().Subject;
        }

        {
            var chat = EngineOverStore(crm).GetRequiredService<LiveChatEngine>();
            (await chat.Identity.FindByConversationAsync(WorkspaceA, claire))!.Id.Should().Be(move.To, "the move replays on load");
            (await chat.Identity.GetContactAsync(WorkspaceA, jean)).Identifiers.Should().NotContain(l => l.Identifier.Value == "v-claire");
            await chat.Identity.UndoMoveAsync(WorkspaceA, move.Sequence, "agent:ann", "one account");
        }

        var engine = EngineOverStore(crm).GetRequiredService<LiveChatEngine>();
        (await engine.Identity.FindByConversationAsync(WorkspaceA, claire))!.Id.Should().Be(jean, "the undo replays on load");
        (await IdentityLog.ReadIdentityEventsAsync(WorkspaceA, 0)).OfType<ConversationMoveUndone>().Should().ContainSingle()
            .Which.MoveSequence.Should().Be(move.Sequence);
    }
}
