namespace LiveChat.Core;

/// <summary>
/// The engine was disposed (its service provider or host was): it takes no more commands, and this one was refused
/// before it changed anything. Retry on a running server (HTTP 503).
/// </summary>
/// <remarks>
/// Thrown by the calls that change conversations and agents (posts, handoffs, claims, offers, ends, agent status and
/// heartbeats) once the engine's disposal has finished waiting for the work in flight; work in flight during that wait
/// still completes. Reads keep working while the store does.
/// </remarks>
public sealed class EngineStoppedException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public EngineStoppedException()
        : base("The LiveChat engine was disposed: it takes no more commands, and this one changed nothing.")
    {
    }

    /// <summary>
    /// Creates the exception for a call that met its store already disposed by the engine's shutdown (the container
    /// disposes the store while calls are still in flight): for store adapters, in place of the
    /// <see cref="ObjectDisposedException"/> they met.
    /// </summary>
    /// <param name="innerException">What the disposed store threw.</param>
    public EngineStoppedException(Exception innerException)
        : base("The LiveChat engine was disposed: it takes no more commands, and this one changed nothing.", innerException)
    {
    }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Unavailable;
}
