using LiveChat.Core.Diagnostics;
using LiveChat.Core.Internal;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Email;

/// <summary>
/// Delivers the outbox (feature E6): claims each due entry with a compare-and-set (Pending → Sending), sends it, and
/// marks it Sent, or Pending again after an exponential backoff, or Failed after the last attempt.
/// </summary>
/// <remarks>
/// Passes run one at a time in this process; the compare-and-set keeps several processes sharing one store from
/// sending an entry twice. Retries are woken by a <see cref="TimeProvider"/> timer, so tests drive them with a fake clock.
/// An entry whose sender crashed mid-send stays Sending until its lease runs out, and is then sent again with the same
/// Message-Id: delivery is at least once, and never twice while the process lives.
/// </remarks>
internal sealed class EmailDispatcher(
    IEmailStore store,
    IEmailTransport transport,
    TimeProvider time,
    EmailOptions options,
    EventDispatcher events,
    LiveChatMetrics metrics,
    ILogger<EmailDispatcher> logger) : IDisposable
{
    private const int BatchSize = 50;
    private static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(1);
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Lock _gate = new();
    private Task _background = Task.CompletedTask;
    private bool _running;
    private bool _again;
    private ITimer? _timer;
    private readonly SortedSet<DateTimeOffset> _wakes = [];
    private DateTimeOffset _wakeAt = DateTimeOffset.MaxValue;

    /// <summary>Starts a background pass, or asks the running one to go again.</summary>
    public void Kick()
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
                return;
            }

            _running = true;
            _background = Task.Run(RunAsync);
        }
    }

    /// <summary>Completes when no background pass runs.</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task current;
            lock (_gate)
            {
                current = _background;
            }

            await current.ConfigureAwait(false);
            lock (_gate)
            {
                if (!_running && ReferenceEquals(current, _background))
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass over every due entry; returns how many were sent.</summary>
    public async ValueTask<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sent = 0;
            while (true)
            {
                var due = await store.GetDueAsync(time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false);
                var claimed = 0;
                foreach (var delivery in due)
                {
                    switch (await AttemptAsync(delivery, cancellationToken).ConfigureAwait(false))
                    {
                        case Outcome.Sent:
                            sent++;
                            claimed++;
                            break;
                        case Outcome.Retry or Outcome.Failed:
                            claimed++;
                            break;
                    }
                }

                // A short batch was the last one; a batch claimed wholly by someone else would only repeat.
                if (due.Count < BatchSize || claimed == 0)
                {
                    return sent;
                }
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    public TimeSpan Backoff(int attempts)
    {
        var ticks = options.InitialRetryDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 40));
        return TimeSpan.FromTicks((long)Math.Min(ticks, options.MaxRetryDelay.Ticks));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }

        _pass.Dispose();
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await DispatchDueAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.EmailPassFailed(logger, ex);
            }

            lock (_gate)
            {
                if (!_again)
                {
                    _running = false;
                    return;
                }

                _again = false;
            }
        }
    }

    private async ValueTask<Outcome> AttemptAsync(EmailDelivery due, CancellationToken cancellationToken)
    {
        var claimed = due with
        {
            Status = EmailDeliveryStatus.Sending,
            Attempts = due.Attempts + 1,
            NextAttemptAt = time.GetUtcNow() + options.SendingLease,
            Version = due.Version + 1,
        };
        if (!await store.TryUpdateDeliveryAsync(claimed, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.TakenByOther;
        }

        // Should this process stop mid-send, the lease expiry wakes whoever takes the entry over.
        WakeAt(claimed.NextAttemptAt);
        try
        {
            await transport.SendAsync(claimed.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(claimed, ex, cancellationToken).ConfigureAwait(false);
        }

        var sent = claimed with { Status = EmailDeliveryStatus.Sent, SentAt = time.GetUtcNow(), Version = claimed.Version + 1 };
        await store.TryUpdateDeliveryAsync(sent, cancellationToken).ConfigureAwait(false);
        metrics.EmailAttempt(sent.Workspace, "sent");
        Log.EmailSent(logger, sent.Id, sent.ConversationId, sent.Attempts);
        return Outcome.Sent;
    }

    private async ValueTask<Outcome> FailAsync(EmailDelivery claimed, Exception error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = $"{error.GetType().Name}: {error.Message}";
        if (claimed.Attempts >= options.MaxAttempts)
        {
            var failed = claimed with { Status = EmailDeliveryStatus.Failed, LastError = message, NextAttemptAt = now, Version = claimed.Version + 1 };
            if (await store.TryUpdateDeliveryAsync(failed, cancellationToken).ConfigureAwait(false))
            {
                metrics.EmailAttempt(failed.Workspace, "failed");
                Log.EmailFailed(logger, error, failed.Id, failed.ConversationId, failed.Attempts);
                await events.PublishAsync(new EmailDeliveryFailed(failed.Workspace, failed.ConversationId, FailedEmail.From(failed), now), cancellationToken).ConfigureAwait(false);
            }

            return Outcome.Failed;
        }

        var delay = Backoff(claimed.Attempts);
        var retry = claimed with { Status = EmailDeliveryStatus.Pending, LastError = message, NextAttemptAt = now + delay, Version = claimed.Version + 1 };
        if (await store.TryUpdateDeliveryAsync(retry, cancellationToken).ConfigureAwait(false))
        {
            metrics.EmailAttempt(retry.Workspace, "retry");
            Log.EmailRetrying(logger, error, retry.Id, retry.ConversationId, retry.Attempts, delay);
            WakeAt(retry.NextAttemptAt);
        }

        return Outcome.Retry;
    }

    /// <summary>Remembers when some entry becomes due; one timer is set for the earliest such moment.</summary>
    private void WakeAt(DateTimeOffset at)
    {
        lock (_gate)
        {
            _wakes.Add(at);
            if (at < _wakeAt)
            {
                ArmLocked(at);
            }
        }
    }

    private void Wake()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _wakes.RemoveWhere(w => w <= now);
            _wakeAt = DateTimeOffset.MaxValue;
            _timer?.Dispose();
            _timer = null;
            if (_wakes.Count > 0)
            {
                ArmLocked(_wakes.Min);
            }
        }

        Kick();
    }

    private void ArmLocked(DateTimeOffset at)
    {
        _timer?.Dispose();
        _wakeAt = at;
        var delay = at - time.GetUtcNow();
        // Never zero: a timer due at once may fire on this very thread, inside the lock.
        _timer = time.CreateTimer(_ => Wake(), null, delay < MinDelay ? MinDelay : delay, Timeout.InfiniteTimeSpan);
    }

    private enum Outcome
    {
        Sent,
        Retry,
        Failed,
        TakenByOther,
    }
}
