using Orleans.Runtime;

namespace LiveChat.Orleans.Tests.Postgres;

/// <summary>See <see cref="IReminderProbeGrain"/>.</summary>
public sealed class ReminderProbeGrain(ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public async Task<string> StartAsync(TimeSpan due, TimeSpan period)
    {
        await this.RegisterOrUpdateReminder("probe", due, period);
        return silo.SiloAddress.ToString();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderProbeLog.Add(this.GetPrimaryKeyString(), silo.SiloAddress.ToString());
        return Task.CompletedTask;
    }
}
