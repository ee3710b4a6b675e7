using Microsoft.Extensions.Logging;

namespace LiveChat.Orleans;

/// <summary>The package's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "{Count} events were not delivered to silo {Silo}; its connections resume from the store")]
    public static partial void EventsNotDelivered(ILogger logger, Exception exception, int count, string silo);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Agent {Agent}'s grain did not give its last heartbeat within {Wait}; routing reads the store's heartbeat alone this time")]
    public static partial void HeartbeatNotRead(ILogger logger, Exception exception, string agent, TimeSpan wait);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "The {Kind} timer of conversation {Conversation} could not be sent to its grain; the due-work sweep runs it")]
    public static partial void ConversationTimerNotSent(ILogger logger, Exception exception, string kind, Guid conversation);
}
