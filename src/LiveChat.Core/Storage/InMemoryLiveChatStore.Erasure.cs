using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <content>Erasure of a conversation's personal data (feature X9).</content>
public sealed partial class InMemoryLiveChatStore : IConversationEraser
{
    /// <summary>The text that replaces erased messages and names.</summary>
    internal const string ErasedText = "[erased]";

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
                    data.Messages[i] = data.Messages[i] with { Text = ErasedText };
                }

                foreach (var key in data.ByClientId.Keys.ToList())
                {
                    data.ByClientId[key] = data.Messages[(int)data.ByClientId[key].Sequence - 1];
                }

                var current = data.Current;

                // A new version, so that a writer holding the old snapshot retries on the erased one instead of restoring it.
                data.Current = current with
                {
                    Version = current.Version + 1,
                    VisitorName = ErasedText,
                    Participants = [.. current.Participants.Select(p => p.Kind == SenderKind.Visitor ? p with { DisplayName = ErasedText } : p)],
                    Details = current.Details with { PersonName = null, OrganizationName = null, Notes = [] },
                };
                return ValueTask.FromResult((long)data.Messages.Count);
            }
        }
    }
}
