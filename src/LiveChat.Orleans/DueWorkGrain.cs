using LiveChat.Core.Storage;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// See <see cref="IDueWorkGrain"/>. Grain <c>i</c> of <see cref="LiveChatClusterOptions.DueWorkPartitions"/> holds a
/// reminder that ticks every <see cref="ReminderOptions.MinimumReminderPeriod"/> (Orleans' default and floor for
/// production: one minute) and runs the engine's <see cref="DueWorkSweep"/> for partition <c>i</c> in this silo: each due
/// item of its slice through the store's exactly-one completion, so a sweep racing a silo's own timer runs the item once.
/// The reminder lives in the cluster's reminder table, so after the death of the silo holding the grain it wakes on a
/// survivor. A grain whose key is no longer below the partition count removes its reminder. Grain code keeps its
/// scheduler's context (<c>ConfigureAwait(true)</c>).
/// </summary>
internal sealed class DueWorkGrain(DueWorkSweep sweep, IOptions<ReminderOptions> reminders, IOptions<LiveChatClusterOptions> cluster) : Grain, IDueWorkGrain, IRemindable
{
    /// <summary>The reminder's name.</summary>
    public const string Reminder = "livechat.due-work";

    /// <inheritdoc />
    public async Task StartAsync()
    {
        if (Partition is not null && await this.GetReminder(Reminder).ConfigureAwait(true) is null)
        {
            var period = reminders.Value.MinimumReminderPeriod;
            await this.RegisterOrUpdateReminder(Reminder, period, period).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Partition is { } partition)
        {
            await sweep.RunDueAsync(partition, CancellationToken.None).ConfigureAwait(true);
        }
        else if (await this.GetReminder(Reminder).ConfigureAwait(true) is { } stale)
        {
            await this.UnregisterReminder(stale).ConfigureAwait(true);
        }
    }

    /// <summary>This grain's slice, or null when its key is not below the partition count (the count was lowered).</summary>
    private DueWorkPartition? Partition
    {
        get
        {
            var count = cluster.Value.DueWorkPartitions;
            var index = this.GetPrimaryKeyLong();
            return index >= 0 && index < count ? new DueWorkPartition((int)index, count) : null;
        }
    }
}
