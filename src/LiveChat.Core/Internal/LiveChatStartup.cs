namespace LiveChat.Core.Internal;

/// <summary>
/// Runs every registered <see cref="ILiveChatStartTask"/> once, as tracked <see cref="BackgroundWork"/>, and drains the
/// engine's background work when disposed.
/// </summary>
/// <remarks>
/// Resolved by <see cref="LiveChatEngine"/>'s registration right after the engine is built, so the container creates it
/// after every service the engine uses and disposes it before them: what is in flight finishes while its services still
/// exist. <see cref="LiveChatHostedService"/> starts it with the host; without one, resolving the engine does.
/// Thread-safe.
/// </remarks>
internal sealed class LiveChatStartup(IEnumerable<ILiveChatStartTask> tasks, BackgroundWork work) : IAsyncDisposable, IDisposable
{
    private int _started;

    /// <summary>Starts the start tasks off the caller's path; later calls do nothing.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        foreach (var task in tasks)
        {
            work.Run(cancellationToken => task.RunAsync(cancellationToken).AsTask(), $"start task {task.GetType().Name}");
        }
    }

    /// <summary>Stops timers and waits for the work in flight.</summary>
    public ValueTask DisposeAsync() => new(work.StopOnceAsync());

    /// <summary>Stops timers and cancels the work in flight without waiting: a host that disposes synchronously cannot wait.</summary>
    public void Dispose() => work.Cancel();
}
