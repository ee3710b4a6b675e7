using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Internal;

/// <content>The post path: one message, retried on a lost race, deduplicated by the client's message id.</content>
internal sealed partial class ConversationCommands
{
    /// <summary>
    /// Posts one message after <paramref name="authorize"/> accepted the sender on the current snapshot.
    /// <paramref name="author"/> identifies who posts (kind and agent), for recognising a retry once authorization fails.
    /// </summary>
    /// <remarks>
    /// <paramref name="authorize"/> gets <paramref name="state"/> with the snapshot, so that a caller passes a static
    /// lambda and a post allocates no closure or delegate.
    /// </remarks>
    public async ValueTask<ChatMessage> PostAsync<TState>(
        WorkspaceId workspace,
        ConversationId conversationId,
        MessageSender author,
        TState state,
        Func<Conversation, TState, MessageSender> authorize,
        string text,
        string? clientMessageId,
        CancellationToken cancellationToken)
    {
        using var activity = StartActivity("livechat.message.post", workspace, conversationId);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // A call cancelled before (or between attempts of) its commit changes nothing; nor does one after the engine's disposal.
                cancellationToken.ThrowIfCancellationRequested();
                dispatcher.ThrowIfDisposed();
                var conversation = await LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
                MessageSender sender;
                try
                {
                    sender = authorize(conversation, state);
                }
                catch (LiveChatException ex) when (clientMessageId is not null && ex is not ConversationNotFoundException)
                {
                    // A retry of a message stored just before the conversation ended (or was reassigned) still succeeds.
                    var earlier = await Store.FindByClientMessageIdAsync(workspace, conversationId, clientMessageId, cancellationToken).ConfigureAwait(false);
                    if (earlier is not null && earlier.Sender.IsSameAuthorAs(author) && string.Equals(earlier.Text, text, StringComparison.Ordinal))
                    {
                        return earlier;
                    }

                    throw;
                }

                var draft = new MessageDraft(sender, text, clientMessageId, SystemEvent.None, Time.GetUtcNow());
                AppendResult result;
                ConversationDispatcher.AnswerTicket ticket;
                try
                {
                    using (await dispatcher.OrderAsync(conversationId, cancellationToken).ConfigureAwait(false))
                    {
                        result = await Store.AppendAsync(workspace, conversationId, conversation.Version, draft, cancellationToken).ConfigureAwait(false);
                        if (result.IsDuplicate)
                        {
                            return result.Message;
                        }

                        ticket = dispatcher.Enqueue(new MessageAppendedEvent(conversation, result.Message));
                    }
                }
                catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
                {
                    Log.Retrying(logger, conversationId, attempt);
                    continue;
                }

                metrics.MessagePosted(workspace, sender.Kind);
                await AnswerAsync(ticket, cancellationToken).ConfigureAwait(false);
                return result.Message;
            }
        }
        catch (ObjectDisposedException ex)
        {
            throw Stopped(ex);
        }
    }
}
