using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Internal;

/// <summary>The SDK's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Conversation #{Number} ({ConversationId}) started in workspace {Workspace} on {Channel}")]
    public static partial void ConversationStarted(ILogger logger, WorkspaceId workspace, long number, ConversationId conversationId, string channel);

    [LoggerMessage(2, LogLevel.Information, "Conversation {ConversationId} moved from {From} to {To} (agent {AgentId})")]
    public static partial void ConversationMoved(ILogger logger, ConversationId conversationId, ConversationState from, ConversationState to, AgentId? agentId);

    [LoggerMessage(3, LogLevel.Debug, "Retrying a write to conversation {ConversationId} after a concurrency conflict (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, ConversationId conversationId, int attempt);

    [LoggerMessage(4, LogLevel.Error, "Publishing {EventType} for conversation {ConversationId} failed; the change itself is stored")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string eventType, ConversationId conversationId);

    [LoggerMessage(5, LogLevel.Information, "Agent {AgentId} of workspace {Workspace} is now {Status}")]
    public static partial void AgentStatusChanged(ILogger logger, WorkspaceId workspace, AgentId agentId, AgentStatus status);

    [LoggerMessage(6, LogLevel.Debug, "Agent {AgentId} could not take conversation {ConversationId}: {Reason}")]
    public static partial void AgentSkipped(ILogger logger, AgentId agentId, ConversationId conversationId, string reason);

    [LoggerMessage(7, LogLevel.Error, "Routing in workspace {Workspace} failed; the conversations stay as stored")]
    public static partial void RoutingFailed(ILogger logger, Exception exception, WorkspaceId workspace);

    [LoggerMessage(8, LogLevel.Information, "Agent {AgentId} of workspace {Workspace} is silent: no heartbeat for {Timeout}")]
    public static partial void PresenceLapsed(ILogger logger, WorkspaceId workspace, AgentId agentId, TimeSpan timeout);

    [LoggerMessage(9, LogLevel.Information, "Requeued {Count} conversations of agent {AgentId} in workspace {Workspace}")]
    public static partial void Requeued(ILogger logger, WorkspaceId workspace, AgentId agentId, int count);

    [LoggerMessage(10, LogLevel.Warning, "Playbook target {Target} in workspace {Workspace} does not exist; the offline flow runs instead: {Reason}")]
    public static partial void PlaybookTargetMissing(ILogger logger, WorkspaceId workspace, string target, string reason);

    [LoggerMessage(11, LogLevel.Information, "The playbook bot stopped on conversation {ConversationId}: {Reason}")]
    public static partial void PlaybookStopped(ILogger logger, ConversationId conversationId, string reason);

    [LoggerMessage(12, LogLevel.Error, "The playbook bot failed on conversation {ConversationId}; the visitor's message is stored")]
    public static partial void PlaybookFailed(ILogger logger, Exception exception, ConversationId conversationId);

    [LoggerMessage(13, LogLevel.Warning, "CRM records {Records} of workspace {Workspace} were created by identity writes that did not land, and could not be checked or erased")]
    public static partial void UnlinkedCrmRecordsKept(ILogger logger, WorkspaceId workspace, string records, Exception exception);

    [LoggerMessage(17, LogLevel.Information, "An answer on conversation {ConversationId} stays in the playbook run only; identity resolution refused it: {Reason}")]
    public static partial void PlaybookAnswerNotIdentified(ILogger logger, ConversationId conversationId, string reason);

    [LoggerMessage(20, LogLevel.Debug, "E-mail {DeliveryId} to conversation {ConversationId} was sent (attempt {Attempt})")]
    public static partial void EmailSent(ILogger logger, string deliveryId, ConversationId conversationId, int attempt);

    [LoggerMessage(21, LogLevel.Warning, "E-mail {DeliveryId} to conversation {ConversationId} failed (attempt {Attempt}); retrying after {Delay}")]
    public static partial void EmailRetrying(ILogger logger, Exception exception, string deliveryId, ConversationId conversationId, int attempt, TimeSpan delay);

    [LoggerMessage(22, LogLevel.Error, "E-mail {DeliveryId} to conversation {ConversationId} failed for good after {Attempt} attempts")]
    public static partial void EmailFailed(ILogger logger, Exception exception, string deliveryId, ConversationId conversationId, int attempt);

    [LoggerMessage(23, LogLevel.Error, "The e-mail outbox pass failed; due e-mails stay queued and are retried on the next pass")]
    public static partial void EmailPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(24, LogLevel.Error, "Checking conversation {ConversationId} for unread replies to e-mail failed")]
    public static partial void ReplyCheckFailed(ILogger logger, Exception exception, ConversationId conversationId);

    [LoggerMessage(25, LogLevel.Error, "Background work failed: {Work}")]
    public static partial void BackgroundWorkFailed(ILogger logger, Exception exception, string work);

    [LoggerMessage(26, LogLevel.Error, "{Reactor} failed to react to {EventType} of conversation {ConversationId}; the change itself is stored")]
    public static partial void ReactionFailed(ILogger logger, Exception exception, string reactor, string eventType, ConversationId conversationId);

    [LoggerMessage(27, LogLevel.Error, "Due work {Kind} for {Subject} of workspace {Workspace} failed in a sweep; the sweep goes on with the next item")]
    public static partial void DueWorkFailed(ILogger logger, Exception exception, Storage.DueWorkKind kind, string subject, WorkspaceId workspace);
}
