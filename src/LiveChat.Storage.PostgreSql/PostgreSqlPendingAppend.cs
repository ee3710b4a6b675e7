using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Storage.PostgreSql;

/// <summary>One <see cref="PostgreSqlLiveChatStore.AppendAsync"/> call waiting in the append queue for its group commit.</summary>
/// <remarks>
/// The writer decides an outcome for it while applying the batch (<see cref="Decide"/>, <see cref="Refuse"/>), but its
/// caller hears nothing until <see cref="Complete"/> after the COMMIT returned, or <see cref="Fail"/> when the batch
/// did not commit: an acknowledged append is durable.
/// </remarks>
internal sealed class PostgreSqlPendingAppend(WorkspaceId workspace, ConversationId conversationId, long expectedVersion, MessageDraft draft)
{
    // Continuations run elsewhere, so a caller's code never runs on (and never stalls) the writer loop.
    private readonly TaskCompletionSource<AppendResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AppendResult? _result;
    private Exception? _refusal;

    public WorkspaceId Workspace { get; } = workspace;

    public ConversationId ConversationId { get; } = conversationId;

    public long ExpectedVersion { get; } = expectedVersion;

    public MessageDraft Draft { get; } = draft;

    /// <summary>Completes once the append's batch committed (or failed).</summary>
    public Task<AppendResult> Task => _completion.Task;

    /// <summary>Forgets an outcome decided in a transaction that did not commit, before the append is tried again.</summary>
    public void Reset()
    {
        _result = null;
        _refusal = null;
    }

    /// <summary>Records the result the caller gets once the batch commits.</summary>
    public void Decide(AppendResult result) => _result = result;

    /// <summary>Records the exception the caller gets once the batch commits: this append wrote nothing.</summary>
    public void Refuse(Exception refusal) => _refusal = refusal;

    /// <summary>Answers the caller after the COMMIT returned.</summary>
    public void Complete()
    {
        if (_refusal is not null)
        {
            _completion.TrySetException(_refusal);
        }
        else
        {
            _completion.TrySetResult(_result ?? throw new InvalidOperationException("The append was committed without an outcome."));
        }
    }

    /// <summary>Answers the caller that the batch failed: nothing of it is stored.</summary>
    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
