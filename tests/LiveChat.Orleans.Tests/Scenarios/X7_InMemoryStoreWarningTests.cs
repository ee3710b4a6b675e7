using LiveChat.Core;
using LiveChat.Core.Testing;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace LiveChat.Orleans.Tests.Scenarios;

/// <summary>
/// X7: a silo whose store is the in-memory default says so once at start, since servers in separate processes would each
/// keep their own conversations and agents; it still starts (silos sharing one store in one process are legitimate).
/// </summary>
public sealed class X7_InMemoryStoreWarningTests
{
    private const string Warning = "in-memory store";

    [Fact]
    public async Task UseOrleans_WithTheDefaultInMemoryStore_WarnsOnceAtSiloStart_AndStillStarts()
    {
        var recorder = new RecordingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(recorder);
        builder.Services.AddLiveChat().UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "warn", clusterId: $"warn-{Guid.NewGuid():N}"));
        using var host = builder.Build();

        await host.StartAsync();
        var chat = host.Services.GetRequiredService<LiveChatEngine>();
        var (conversation, _) = await chat.Conversations.StartAsync(new WorkspaceId("acme"));
        await host.StopAsync();

        conversation.Number.Should().Be(1);
        recorder.Messages.Where(m => m.Contains(Warning, StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("UsePostgreSql");
    }

    private static int FreePort() => LoopbackPorts.Free();
}
