using LiveChat.Core.Diagnostics;
using LiveChat.Core.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
internal sealed class EmailDispatcher : IDisposable
{
    private const int BatchSize = 50;
    private static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(1);
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Lock _gate = new();
    private readonly SortedSet<DateTimeOffset> _wakes = [];
    private readonly IEmailStore _store;
    private readonly IEmailTransport _transport;
    private readonly TimeProvider _time;
    private readonly EmailOptions _options;
    private readonly EventDispatcher _events;
    private readonly LiveChatMetrics _metrics;
    private readonly ILogger<EmailDispatcher> _logger;
    private readonly BackgroundWork _work;
    private readonly SingleFlightWorker _worker;
    private readonly KeyedTimers<bool> _timer;
    private DateTimeOffset _wakeAt = DateTimeOffset.MaxValue;

    public EmailDispatcher(
        IEmailStore store,
        IEmailTransport transport,
        IOptions<LiveChatOptions> options,
        EventDispatcher events,
        LiveChatMetrics metrics,
        BackgroundWork work,
        ILogger<EmailDispatcher> logger)
    {
        _store = store;
        _transport = transport;
        _options = options.Value.Email;
        _events = events;
        _metrics = metrics;
        _logger = logger;
        _work = work;
        _time = work.Time;
        _worker = work.CreateWorker(PassAsync, "e-mail outbox pass");
        _timer = work.CreateTimers<bool>((_, _) => Wake(), "e-mail outbox wake-up");
    }

    /// <summary>Starts a background pass, or asks the running one to go again.</summary>
    public void Kick() => _worker.Poke();

    /// <summary>Completes when no background work of the engine runs, this dispatcher's passes included. For tests.</summary>
    public Task WhenIdleAsync() => _work.WhenIdleAsync();

    /// <summary>One pass over every due entry; returns how many were sent.</summary>
    public async ValueTask<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sent = 0;
            while (true)
            {
                var due = await _store.GetDueAsync(_time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false);
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
        var ticks = _options.InitialRetryDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 40));
        return TimeSpan.FromTicks((long)Math.Min(ticks, _options.MaxRetryDelay.Ticks));
    }

    public void Dispose() => _pass.Dispose();

    private async ValueTask PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DispatchDueAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.EmailPassFailed(_logger, ex);
        }
    }

    private async ValueTask<Outcome> AttemptAsync(EmailDelivery due, CancellationToken cancellationToken)
    {
        var claimed = due with
        {
            Status = EmailDeliveryStatus.Sending,
            Attempts = due.Attempts + 1,
            NextAttemptAt = _time.GetUtcNow() + _options.SendingLease,
            Version = due.Version + 1,
        };
        if (!await _store.TryUpdateDeliveryAsync(claimed, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.TakenByOther;
        }

        // Should this process stop mid-send, the lease expiry wakes whoever takes the entry over.
        WakeAt(claimed.NextAttemptAt);
        try
        {
            await _transport.SendAsync(claimed.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(claimed, ex, cancellationToken).ConfigureAwait(false);
        }

        var sent = claimed with { Status = EmailDeliveryStatus.Sent, SentAt = _time.GetUtcNow(), Version = claimed.Version + 1 };
        await _store.TryUpdateDeliveryAsync(sent, cancellationToken).ConfigureAwait(false);
        _metrics.EmailAttempt(sent.Workspace, "sent");
        Log.EmailSent(_logger, sent.Id, sent.ConversationId, sent.Attempts);
        return Outcome.Sent;
    }

    private async ValueTask<Outcome> FailAsync(EmailDelivery claimed, Exception error, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var message = $"{error.GetType().Name}: {error.Message}";
        if (claimed.Attempts >= _options.MaxAttempts)
        {
            var failed = claimed with { Status = EmailDeliveryStatus.Failed, LastError = message, NextAttemptAt = now, Version = claimed.Version + 1 };
            if (await _store.TryUpdateDeliveryAsync(failed, cancellationToken).ConfigureAwait(false))
            {
                _metrics.EmailAttempt(failed.Workspace, "failed");
                Log.EmailFailed(_logger, error, failed.Id, failed.ConversationId, failed.Attempts);
                await _events.PublishAsync(new EmailDeliveryFailed(failed.Workspace, failed.ConversationId, FailedEmail.From(failed), now), cancellationToken).ConfigureAwait(false);
            }

            return Outcome.Failed;
        }

        var delay = Backoff(claimed.Attempts);
        var retry = claimed with { Status = EmailDeliveryStatus.Pending, LastError = message, NextAttemptAt = now + delay, Version = claimed.Version + 1 };
        if (await _store.TryUpdateDeliveryAsync(retry, cancellationToken).ConfigureAwait(false))
        {
            _metrics.EmailAttempt(retry.Workspace, "retry");
            Log.EmailRetrying(_logger, error, retry.Id, retry.ConversationId, retry.Attempts, delay);
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

    private Task Wake()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _wakes.RemoveWhere(w => w <= now);
            _wakeAt = DateTimeOffset.MaxValue;
            if (_wakes.Count > 0)
            {
                ArmLocked(_wakes.Min);
            }
        }

        Kick();
        return Task.CompletedTask;
    }

    private void ArmLocked(DateTimeOffset at)
    {
        _wakeAt = at;
        var delay = at - _time.GetUtcNow();
        _timer.Arm(true, delay < MinDelay ? MinDelay : delay);
    }

    private enum Outcome
    {
        Sent,
        Retry,
        Failed,
        TakenByOther,
    }
}
