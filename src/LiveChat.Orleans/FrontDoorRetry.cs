using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// Retries a front-door grain call through the window after a silo's death (feature X7, issue 18): until the cluster
/// declares the silo dead and the grain is activated elsewhere, calls to the grains it held fail with
/// <see cref="SiloUnavailableException"/> or <see cref="OrleansMessageRejectionException"/> (about a second with
/// tuned failure detection, up to Orleans' detection time with its defaults), or, when the silo was ended without
/// closing its connections, time out (<see cref="TimeoutException"/> after Orleans' response timeout). Only for calls
/// that may run twice: the routing port's calls are notifications of what the store already holds, and reads; the
/// presence port's calls are heartbeats and reads.
/// </summary>
/// <remarks>
/// Backoff: <see cref="FirstDelay"/>, doubling up to <see cref="MaxDelay"/>, while the call's time so far (attempts and
/// waits) plus the next wait stays within <see cref="Budget"/>; then the last failure is thrown as a <see cref="ClusterUnavailableException"/> (Orleans' exception inside),
/// so no Orleans type reaches a host. Waits on its own <see cref="TimeProvider"/>, the system clock in a silo: the
/// window is the cluster's real failure detection, which an engine on a test clock does not drive. Other exceptions
/// (the call's own answer, such as a core exception raised in the grain), and cancellation, pass through at once.
/// Thread-safe and stateless.
/// </remarks>
internal sealed class FrontDoorRetry(TimeProvider time)
{
    /// <summary>The wait before the first retry.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most time one call spends before its last attempt, the attempts themselves included: above Orleans' default
    /// failure detection. An attempt that ended in Orleans' response timeout (30 s by default) already spent more, so it
    /// is not tried again; one whose host set a shorter response timeout may be.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="call"/>, again after a backoff while it is rejected for a dead silo.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (IsRetryable(e))
            {
                if (time.GetElapsedTime(started) + delay > Budget)
                {
                    throw new ClusterUnavailableException(e);
                }

                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
            catch (Exception e) when (ClusterUnavailableException.IsClusterFailure(e))
            {
                throw new ClusterUnavailableException(e);
            }
        }
    }

    /// <summary>
    /// Runs a call that must not run twice (an identity write: a merge or an erasure sent again would be refused or act
    /// twice) once: a failure of the cluster is thrown as a <see cref="ClusterUnavailableException"/>, anything else as
    /// it came. The caller may retry once the cluster answers again.
    /// </summary>
    public static async Task<T> OnceAsync<T>(Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception e) when (ClusterUnavailableException.IsClusterFailure(e))
        {
            throw new ClusterUnavailableException(e);
        }
    }

    /// <summary>Whether a failure says the target silo is dead or gone quiet, so that the same call may succeed elsewhere.</summary>
    private static bool IsRetryable(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    /// <summary>Runs <paramref name="call"/>, again after a backoff while it is rejected for a dead silo.</summary>
    public Task RunAsync(Func<Task> call, CancellationToken cancellationToken) => RunAsync(
        async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        },
        cancellationToken);
}
