using System.Reflection;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace Issue15;

public class LifecycleTests(ITestOutputHelper output)
{
    static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task Generic_host_registers_a_hosted_service_and_stop_drains_a_slow_publishers_event()
    {
        var publisher = new RecordingPublisher { BlockWhen = e => e is MessagePosted { Message.Text: "slow" }, DelayWhenMatched = TimeSpan.FromSeconds(2) };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<ILiveChatEventPublisher>(publisher);
        builder.Services.AddLiveChat();
        using var host = builder.Build();
        host.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName).Should().Contain(n => n!.StartsWith("LiveChat"),
            "AddLiveChat registers a hosted service");
        await host.StartAsync();
        var chat = host.Services.GetRequiredService<LiveChatEngine>();
        var (c, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, c.Id, token, "slow");
        // The publisher records the event only after its 2 s: not recorded yet means the post did not wait for it.
        publisher.Events.OfType<MessagePosted>().Should().NotContain(m => m.Message.Text == "slow", "the post does not wait for the 2 s publisher");
        (await Poll.Until(() => publisher.Blocked.Task.IsCompleted)).Should().BeTrue();
        await host.StopAsync();
        publisher.Events.OfType<MessagePosted>().Should().Contain(m => m.Message.Text == "slow", "StopAsync drains the work in flight");
    }

    [Fact]
    public async Task Disposing_a_provider_without_a_host_drains_in_flight_publishing()
    {
        var publisher = new RecordingPublisher { BlockWhen = e => e is MessagePosted { Message.Text: "slow" }, DelayWhenMatched = TimeSpan.FromSeconds(1.5) };
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(publisher);
        services.AddLiveChat();
        var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var (c, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, c.Id, token, "slow");
        await provider.DisposeAsync();
        publisher.Events.OfType<MessagePosted>().Should().Contain(m => m.Message.Text == "slow");
    }

    [Fact]
    public void Public_api_has_no_test_hooks()
    {
        var assemblies = new[] { typeof(LiveChatEngine).Assembly, Assembly.Load("LiveChat.Storage.Sqlite"), Assembly.Load("LiveChat.Storage.PostgreSql") };
        var hooks = assemblies.SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.Contains("WhenIdle") || m.Name.Contains("ForTest") || m.Name.Contains("Testing") || m.Name.Contains("Settle")
                            || m.Name.Contains("Flush") || m.Name.Contains("Drain"))
                .Select(m => $"{t.FullName}.{m.Name}"))
            .Distinct().ToList();
        output.WriteLine(string.Join("\n", hooks));
        hooks.Should().BeEmpty("the issue moves test hooks out of the public API");
    }
}
