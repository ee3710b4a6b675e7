using Microsoft.Extensions.Logging;

namespace LiveChat.Orleans;

/// <summary>The package's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "{Count} events were not delivered to silo {Silo}; its connections resume from the store")]
    public static partial void EventsNotDelivered(ILogger logger, Exception exception, int count, string silo);
}
