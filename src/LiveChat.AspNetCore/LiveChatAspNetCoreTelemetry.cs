namespace LiveChat.AspNetCore;

/// <summary>
/// The names under which the web transport reports (feature X8): an <see cref="System.Diagnostics.ActivitySource"/> with a
/// span per hub call, and a <see cref="System.Diagnostics.Metrics.Meter"/> with the instruments below. The OpenTelemetry
/// helper <c>AddLiveChatInstrumentation()</c> subscribes to these and to LiveChat.Core's.
/// </summary>
/// <remarks>
/// Instruments: <c>livechat.hub.connections</c> (open connections, tagged <c>livechat.hub</c> visitor or agent),
/// <c>livechat.hub.messages.relayed</c> (messages sent to client connections), <c>livechat.hub.resumes</c> (resumes and
/// opened conversations) and <c>livechat.hub.rate_limited</c> (refused calls, tagged with the limit). Thread-safe (constants).
/// </remarks>
public static class LiveChatAspNetCoreTelemetry
{
    /// <summary>The activity source's and the meter's name: <c>LiveChat.AspNetCore</c>.</summary>
    public const string Name = "LiveChat.AspNetCore";
}
