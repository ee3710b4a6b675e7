namespace LiveChat.Core.Internal;

/// <summary>
/// Runs one pass at a time, as tracked <see cref="BackgroundWork"/>. A <see cref="Poke"/> while a pass runs asks it to go
/// round once more when it ends, however many pokes arrive meanwhile, so every poke is followed by a whole pass that
/// started after it, and no two passes ever overlap.
/// </summary>
/// <remarks>Thread-safe. Create with <see cref="BackgroundWork.CreateWorker"/>.</remarks>
internal sealed class SingleFlightWorker
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int RunAgain = 2;

    private readonly BackgroundWork _work;
    private readonly Func<CancellationToken, ValueTask> _pass;
    private readonly string _what;
    private int _state;

    internal SingleFlightWorker(BackgroundWork work, Func<CancellationToken, ValueTask> pass, string what)
    {
        ArgumentNullException.ThrowIfNull(pass);
        _work = work;
        _pass = pass;
        _what = what;
    }

    /// <summary>Whether a pass is running now.</summary>
    public bool IsRunning => Volatile.Read(ref _state) != Idle;

    /// <summary>Asks for a pass: starts one off the caller's path when none runs, else makes the running one go round again.</summary>
    public void Poke()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Running, Idle) == Idle)
                {
                    _work.Run(LoopAsync, _what);
                    if (_work.IsStopped)
                    {
                        // Run ignored the pass: let a later poke (there will be none once stopped) start cleanly.
                        Volatile.Write(ref _state, Idle);
                    }

                    return;
                }
            }
            else if (state == RunAgain || Interlocked.CompareExchange(ref _state, RunAgain, Running) == Running)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Like <see cref="Poke"/>, for a caller that waits for the pass anyway: when none runs, the pass starts on the
    /// caller's flow instead of off it (no thread hop), and is tracked all the same; else the running one goes round again.
    /// </summary>
    public void PokeInline()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Running, Idle) == Idle)
                {
                    if (_work.IsStopped)
                    {
                        Volatile.Write(ref _state, Idle);
                        return;
                    }

                    _work.Track(_work.RunLoggedAsync(LoopAsync, _what, offThePath: false));
                    return;
                }
            }
            else if (state == RunAgain || Interlocked.CompareExchange(ref _state, RunAgain, Running) == Running)
            {
                return;
            }
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _pass(cancellationToken).ConfigureAwait(false);

                // Asked again while the pass ran: run once more; else go idle.
                if (Interlocked.CompareExchange(ref _state, Running, RunAgain) == RunAgain)
                {
                    continue;
                }

                if (Interlocked.CompareExchange(ref _state, Idle, Running) == Running)
                {
                    return;
                }
            }
        }
        catch
        {
            // A failed pass leaves the worker able to run again on the next poke; BackgroundWork logs the failure.
            Volatile.Write(ref _state, Idle);
            throw;
        }
    }
}
