namespace LiveChat.AspNetCore.Tests;

/// <summary>Waits for a condition on the server's state with a deadline, re-checking it often; never a fixed sleep.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string because)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Waited 30 s for: {because}.");
            }

            await Task.Yield();
            await Task.Delay(10);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string because) => HoldsAsync(() => Task.FromResult(condition()), because);
}
