using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <content>Messages and read cursors, under each conversation's own lock.</content>
public sealed partial class InMemoryLiveChatStore
{
    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(
        WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var data = Get(workspace, conversationId);
        lock (data)
        {
            if (message.ClientMessageId is { } clientId && data.ByClientId.TryGetValue(clientId, out var earlier))
            {
                return ValueTask.FromResult(new AppendResult(EnsureSameMessage(earlier, message), IsDuplicate: true));
            }

            var current = data.Current;
            if (current.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException(conversationId, expectedVersion, current.Version);
            }

            var stored = AppendOneLocked(data, message);
            data.Current = current with { LastSequence = stored.Sequence };
            return ValueTask.FromResult(new AppendResult(stored, IsDuplicate: false));
        }
    }

    /// <inheritdoc />
    public ValueTask<ChatMessage?> FindByClientMessageIdAsync(
        WorkspaceId workspace, ConversationId conversationId, string clientMessageId, CancellationToken cancellationToken = default)
    {
        var data = Get(workspace, conversationId);
        lock (data)
        {
            return ValueTask.FromResult(data.ByClientId.GetValueOrDefault(clientMessageId));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var data = Get(workspace, conversationId);
        lock (data)
        {
            var start = (int)Math.Min(afterSequence, data.Messages.Count);
            var count = Math.Min(limit, data.Messages.Count - start);
            IReadOnlyList<ChatMessage> page = data.Messages.GetRange(start, count);
            return ValueTask.FromResult(page);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> AdvanceReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var data = Get(workspace, conversationId);
        lock (data)
        {
            var target = Math.Min(sequence, data.Messages.Count);
            var cursor = Math.Max(data.Cursors.GetValueOrDefault(reader), target);
            data.Cursors[reader] = cursor;
            return ValueTask.FromResult(cursor);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> GetReadCursorAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
    {
        var data = Get(workspace, conversationId);
        lock (data)
        {
            return ValueTask.FromResult(data.Cursors.GetValueOrDefault(reader));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> CountUnreadAsync(
        WorkspaceId workspace, ConversationId conversationId, ReaderId reader, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(CountUnread(Get(workspace, conversationId), reader));

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<ConversationId, int>> CountUnreadManyAsync(
        WorkspaceId workspace, IReadOnlyList<ConversationId> conversationIds, ReaderId reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        var counts = new Dictionary<ConversationId, int>(conversationIds.Count);
        foreach (var id in conversationIds)
        {
            if (TryGet(workspace, id) is { } data)
            {
                counts[id] = CountUnread(data, reader);
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<ConversationId, int>>(counts);
    }

    private static int CountUnread(ConversationData data, ReaderId reader)
    {
        lock (data)
        {
            var unread = 0;
            for (var i = (int)data.Cursors.GetValueOrDefault(reader); i < data.Messages.Count; i++)
            {
                if (!reader.Wrote(data.Messages[i]))
                {
                    unread++;
                }
            }

            return unread;
        }
    }

    private static List<ChatMessage> AppendLocked(ConversationData data, IReadOnlyList<MessageDraft> drafts)
    {
        var stored = new List<ChatMessage>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            stored.Add(AppendOneLocked(data, drafts[i]));
        }

        return stored;
    }

    /// <summary>Appends one message; the caller holds the conversation's lock. No list or array per call: this is the post path.</summary>
    private static ChatMessage AppendOneLocked(ConversationData data, MessageDraft draft)
    {
        var message = new ChatMessage
        {
            ConversationId = data.Current.Id,
            Sequence = data.Messages.Count + 1,
            Sender = draft.Sender,
            Text = draft.Text,
            ClientMessageId = draft.ClientMessageId,
            SystemEvent = draft.SystemEvent,
            SentAt = draft.SentAt,
        };
        data.Messages.Add(message);
        if (message.ClientMessageId is { } clientId)
        {
            data.ByClientId[clientId] = message;
        }

        return message;
    }

    private static ChatMessage EnsureSameMessage(ChatMessage earlier, MessageDraft retry)
        => earlier.Sender.IsSameAuthorAs(retry.Sender) && string.Equals(earlier.Text, retry.Text, StringComparison.Ordinal)
            ? earlier
            : throw new IdempotencyConflictException(earlier.ConversationId, retry.ClientMessageId!);
}
