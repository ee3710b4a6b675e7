using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Storage;

/// <summary>An oversized row can never reach a store: the draft refuses it, however it is built.</summary>
public sealed class MessageDraftTests
{
    private static readonly MessageSender Visitor = new(SenderKind.Visitor, "Visitor");

    [Fact]
    public void Draft_AtTheLimit_IsAccepted()
        => new MessageDraft(Visitor, new string('x', MessageDraft.MaxTextLength), new string('c', MessageDraft.MaxClientMessageIdLength), SystemEvent.None, default)
            .Text.Length.Should().Be(MessageDraft.MaxTextLength);

    [Fact]
    public void Draft_WithOversizedText_IsRefused_AlsoThroughWith()
    {
        FluentActions.Invoking(() => new MessageDraft(Visitor, new string('x', MessageDraft.MaxTextLength + 1), null, SystemEvent.None, default))
            .Should().Throw<MessageTooLongException>().Where(e => e.MaxLength == MessageDraft.MaxTextLength);
        var valid = new MessageDraft(Visitor, "ok", null, SystemEvent.None, default);
        FluentActions.Invoking(() => valid with { Text = new string('x', MessageDraft.MaxTextLength + 1) }).Should().Throw<MessageTooLongException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Draft_WithAnEmptyOrOverlongClientMessageId_IsRefused(string clientMessageId)
    {
        FluentActions.Invoking(() => new MessageDraft(Visitor, "ok", clientMessageId, SystemEvent.None, default)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new MessageDraft(Visitor, "ok", new string('c', 129), SystemEvent.None, default)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Commit_WithAMessageCarryingAClientMessageId_IsRefused()
    {
        var conversation = new Conversation
        {
            Workspace = new WorkspaceId("w"),
            Id = new ConversationId(Guid.CreateVersion7()),
            Channel = "webchat",
            VisitorName = "Visitor",
            VisitorTokenHash = new string('0', 64),
            CounterpartName = "Bot",
        };
        var idempotent = new MessageDraft(Visitor, "hi", "c-1", SystemEvent.None, default);

        FluentActions.Invoking(() => new ConversationCommit(conversation, 1, [idempotent])).Should().Throw<ArgumentException>();
    }
}
