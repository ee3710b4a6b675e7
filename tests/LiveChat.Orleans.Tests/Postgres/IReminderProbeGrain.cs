namespace LiveChat.Orleans.Tests.Postgres;

/// <summary>A grain that registers one reminder and writes down where each tick arrived (<see cref="ReminderProbeLog"/>).</summary>
[Alias("test.reminderProbe")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder and answers the address of the silo the grain is active on.</summary>
    [Alias("start")]
    Task<string> StartAsync(TimeSpan due, TimeSpan period);
}
