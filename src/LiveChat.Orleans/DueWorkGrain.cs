using LiveChat.Core.Storage;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// See <see cref="IDueWorkGrain"/>. Its reminder ticks every <see cref="ReminderOptions.MinimumReminderPeriod"/> (Orleans'
/// default and floor for production: one minute) and runs the engine's <see cref="DueWorkSweep"/> in this silo: each due
/// item through the store's exactly-one completion, so a sweep racing a silo's own timer runs the item once. The
/// reminder lives in the cluster's reminder table, so after the death of the silo holding the grain it wakes on a
/// survivor. Grain code keeps its scheduler's context (<c>ConfigureAwait(true)</c>).
/// </summary>
internal sealed class DueWorkGrain(DueWorkSweep sweep, IOptions<ReminderOptions> reminders) : Grain, IDueWorkGrain, IRemindable
{
    /// <summary>The reminder's name.</summary>
    public const string Reminder = "livechat.due-work";

    /// <inheritdoc />
    public async Task StartAsync()
    {
        if (await this.GetReminder(Reminder).ConfigureAwait(true) is null)
        {
            var period = reminders.Value.MinimumReminderPeriod;
            await this.RegisterOrUpdateReminder(Reminder, period, period).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
        => await sweep.RunDueAsync(CancellationToken.None).ConfigureAwait(true);
}
