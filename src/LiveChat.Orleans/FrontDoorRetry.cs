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
/// Backoff: <see cref="FirstDelay"/>, doubling up to <see cref="MaxDelay"/>, for at most <see cref="Budget"/> of waiting
/// in all; then the last failure is thrown as a <see cref="ClusterUnavailableException"/> (Orleans' exception inside),
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

    /// <summary>The most time spent waiting between attempts of one call: above Orleans' default failure detection.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="call"/>, again after a backoff while it is rejected for a dead silo.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (IsRetryable(e))
            {
                if (waited + delay > Budget)
                {
                    throw new ClusterUnavailableException(e);
                }

                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                waited += delay;
                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
            catch (Exception e) when (ClusterUnavailableException.IsClusterFailure(e))
            {
                throw new ClusterUnavailableException(e);
            }
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
