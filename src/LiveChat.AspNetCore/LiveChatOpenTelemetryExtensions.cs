using LiveChat.AspNetCore;
using LiveChat.Core.Diagnostics;

namespace OpenTelemetry;

/// <summary>Registers LiveChat's traces and metrics with OpenTelemetry (feature X8).</summary>
public static class LiveChatOpenTelemetryExtensions
{
    /// <summary>Subscribes to the <c>LiveChat.Core</c> and <c>LiveChat.AspNetCore</c> activity sources.</summary>
    /// <param name="builder">The tracer provider builder, as in <c>services.AddOpenTelemetry().WithTracing(t =&gt; t.AddLiveChatInstrumentation())</c>.</param>
    /// <returns>The same builder.</returns>
    public static Trace.TracerProviderBuilder AddLiveChatInstrumentation(this Trace.TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(LiveChatMetrics.Name, LiveChatAspNetCoreTelemetry.Name);
    }

    /// <summary>Subscribes to the <c>LiveChat.Core</c> and <c>LiveChat.AspNetCore</c> meters.</summary>
    /// <param name="builder">The meter provider builder, as in <c>services.AddOpenTelemetry().WithMetrics(m =&gt; m.AddLiveChatInstrumentation())</c>.</param>
    /// <returns>The same builder.</returns>
    public static Metrics.MeterProviderBuilder AddLiveChatInstrumentation(this Metrics.MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(LiveChatMetrics.Name, LiveChatAspNetCoreTelemetry.Name);
    }
}
