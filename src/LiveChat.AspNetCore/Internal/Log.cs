using LiveChat.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace LiveChat.AspNetCore.Internal;

/// <summary>The web transport's log messages. None contains a visitor token, a credential or message text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1601, Level = LogLevel.Debug, Message = "A conversation feed of {ConversationId} stopped; the client resumes from its last sequence.")]
    public static partial void FeedFailed(ILogger logger, Exception exception, ConversationId conversationId);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "The event relay failed on an event of {ConversationId}; clients catch up from the store.")]
    public static partial void RelayFailed(ILogger logger, Exception exception, ConversationId conversationId);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "A heartbeat for agent {AgentId} failed; the next one retries.")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, string agentId);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Information, Message = "A hub call was refused for rate limits ({Limit}).")]
    public static partial void RateLimited(ILogger logger, string limit);
}
