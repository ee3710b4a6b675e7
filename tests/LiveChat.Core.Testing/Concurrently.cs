namespace LiveChat.Core.Testing;

/// <summary>Starts workers on the thread pool and releases them together, to make races likely without any timing.</summary>
public static class Concurrently
{
    /// <summary>Runs <paramref name="work"/> once per worker (given its index), all released by one gate, and waits for all.</summary>
    public static async Task<T[]> RunAsync<T>(int workers, Func<int, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);

        // An awaited gate, not a blocking one: workers waiting on it hold no thread, so a two-core pool is not starved.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, workers).Select(i => Task.Run(async () =>
        {
            await gate.Task.ConfigureAwait(false);
            return await work(i).ConfigureAwait(false);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public static Task RunAsync(int workers, Func<int, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(workers, async i =>
        {
            await work(i).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>Awaits <paramref name="call"/> and returns the exception it threw, or <see langword="null"/>.</summary>
    public static async Task<Exception?> CatchAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call().ConfigureAwait(false);
            return null;
        }
#pragma warning disable CA1031 // The caller classifies every outcome, expected or not.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }
}
