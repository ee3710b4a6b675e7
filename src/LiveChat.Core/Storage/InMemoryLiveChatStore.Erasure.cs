using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <content>Erasure of a conversation's personal data (feature X9).</content>
public sealed partial class InMemoryLiveChatStore : IConversationEraser
{
    /// <inheritdoc />
    public ValueTask<long> EraseConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        var data = Get(workspace, conversationId);
        lock (_workspaces[workspace].Gate)
        {
            lock (data)
            {
                for (var i = 0; i < data.Messages.Count; i++)
                {
                    data.Messages[i] = ConversationErasure.Erase(data.Messages[i]);
                }

                foreach (var key in data.ByClientId.Keys.ToList())
                {
                    data.ByClientId[key] = data.Messages[(int)data.ByClientId[key].Sequence - 1];
                }

                data.Current = ConversationErasure.Erase(data.Current);
                return ValueTask.FromResult((long)data.Messages.Count);
            }
        }
    }
}
