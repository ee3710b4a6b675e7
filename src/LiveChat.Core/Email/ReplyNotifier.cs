using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using LiveChat.Core.Transport;

namespace LiveChat.Core.Email;

/// <summary>
/// E-mails agent replies the visitor has not read (features E3, E4). The first unread reply arms a timer for
/// <see cref="EmailOptions.UnreadDelay"/>; replies arriving meanwhile join the same e-mail, so a flood of replies makes
/// one e-mail per window. When the timer fires, or the visitor closes the page, replies the visitor read meanwhile are
/// skipped, and the recipient's watermark moves past the e-mailed ones, so none is e-mailed twice.
/// </summary>
/// <remarks>
/// The outbox id of a reply e-mail is derived from the recipient's version, so two checks racing on one conversation
/// enqueue the same entry once, and only one of them moves the watermark. Each window is due work in the
/// <see cref="IDueWorkStore"/> (<see cref="DueWorkKind.UnreadReplies"/>): a window open when the process stopped is
/// re-armed by the next one at start (it is an <see cref="ILiveChatStartTask"/>), and checked once.
/// </remarks>
internal sealed class ReplyNotifier : ILiveChatStartTask, IDueWorkOwner
{
    private const int PageSize = 1000;
    private readonly EmailService email;
    private readonly EmailOptions options;
    private readonly DueWorkScheduler _windows;
    private readonly BackgroundWork _work;

    public ReplyNotifier(EmailService email, IDueWorkStore dueWork, BackgroundWork work, EmailOptions options, IConversationTimers? conversationTimers)
    {
        this.email = email;
        this.options = options;
        _work = work;
        _windows = new DueWorkScheduler(
            dueWork,
            work,
            new Dictionary<DueWorkKind, Func<DueWork, CancellationToken, Task>>
            {
                [DueWorkKind.UnreadReplies] = CheckAsync,
            },
            conversationTimers);
    }

    /// <inheritdoc />
    public DueWorkScheduler DueWork => _windows;

    public ValueTask<bool> ArmAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
        => _windows.TryScheduleAsync(workspace, conversationId, DueWorkKind.UnreadReplies, options.UnreadDelay, cancellationToken);

    /// <summary>
    /// Whether this process armed the conversation's window and it has not fired: then <see cref="ArmAsync"/> does nothing, and
    /// the check when it fires reads every reply stored before it.
    /// </summary>
    public bool IsArmed(WorkspaceId workspace, ConversationId conversationId)
        => _windows.IsArmed(workspace, conversationId, DueWorkKind.UnreadReplies);

    /// <summary>Re-arms the windows a stopped process left open.</summary>
    public ValueTask RunAsync(CancellationToken cancellationToken) => _windows.RunAsync(cancellationToken);

    public Task WhenIdleAsync() => _work.WhenIdleAsync();

    /// <summary>E-mails the replies the visitor has not read; <see langword="null"/> when there are none, or no address.</summary>
    public async ValueTask<EmailDelivery?> NotifyAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        var store = email.Commands.Store;
        while (true)
        {
            var recipient = await email.Store.FindRecipientAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
            if (recipient is null)
            {
                return null;
            }

            var conversation = await email.Commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
            var cursor = await store.GetReadCursorAsync(workspace, conversationId, ReaderId.Visitor, cancellationToken).ConfigureAwait(false);
            var after = Math.Max(cursor, recipient.NotifiedUpToSequence);
            var (question, replies) = await UnreadAsync(store, conversation, after, cancellationToken).ConfigureAwait(false);
            if (replies.Count == 0)
            {
                return null;
            }

            var shown = replies.TakeLast(options.MaxRepliesPerEmail).ToList();
            var kind = recipient.LeftWhileOffline ? EmailKind.OfflineReply : EmailKind.UnreadMessages;
            var delivery = await email.EnqueueAsync(kind, conversation, recipient.Address, $"r{recipient.Version}", (model, zone) =>
            {
                model["question"] = question?.Text ?? string.Empty;
                model["replies"] = EmailComposer.Items(shown, zone);
                model["more_replies"] = replies.Count - shown.Count;
            }, replies[^1].Sequence, cancellationToken).ConfigureAwait(false);

            // The stored entry may be one a racing check enqueued first: the watermark follows what it covers.
            var moved = recipient with
            {
                NotifiedUpToSequence = Math.Max(recipient.NotifiedUpToSequence, delivery.CoversUpToSequence),
                Version = recipient.Version + 1,
            };
            if (await email.Store.TrySaveRecipientAsync(moved, cancellationToken).ConfigureAwait(false))
            {
                return delivery;
            }
        }
    }

    /// <summary>The agent replies after <paramref name="after"/>, and the visitor's last message before the first of them.</summary>
    private static async ValueTask<(ChatMessage? Question, List<ChatMessage> Replies)> UnreadAsync(
        IConversationStore store, Conversation conversation, long after, CancellationToken cancellationToken)
    {
        var replies = new List<ChatMessage>();
        ChatMessage? question = null;
        var position = after;
        while (true)
        {
            var page = await store.GetMessagesAsync(conversation.Workspace, conversation.Id, position, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var message in page)
            {
                if (message.Sender.Kind == SenderKind.Agent)
                {
                    replies.Add(message);
                }
                else if (message.Sender.Kind == SenderKind.Visitor && replies.Count == 0)
                {
                    question = message;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            position = page[^1].Sequence;
        }

        if (question is null && replies.Count > 0)
        {
            // The question was read before the replies came: look back a little for it.
            var from = Math.Max(0, replies[0].Sequence - 50);
            var before = await store.GetMessagesAsync(conversation.Workspace, conversation.Id, from, 50, cancellationToken).ConfigureAwait(false);
            question = before.LastOrDefault(m => m.Sender.Kind == SenderKind.Visitor && m.Sequence < replies[0].Sequence);
        }

        return (question, replies);
    }

    private async Task CheckAsync(DueWork window, CancellationToken cancellationToken)
    {
        var conversationId = ConversationId.Parse(window.Subject, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await NotifyAsync(window.Workspace, conversationId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Internal.Log.ReplyCheckFailed(email.Logger, ex, conversationId);
        }
    }
}
