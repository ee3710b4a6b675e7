using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing.Storage;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>
/// X3, issue 15 item 3: two engines sharing one set of state stores (as two processes share a database) follow the
/// freshness rule: a change is used at once where it was made, and by the other engine once its copy is older than
/// <see cref="LiveChatOptions.WorkspaceCacheDuration"/>, not before.
/// </summary>
public sealed class X3_WorkspaceStateFreshnessTests
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task AChangeMadeByOneEngine_IsUsedByTheOtherOnlyOnceItsCopyIsOlderThanTheCacheDuration()
    {
        var settings = new InMemoryWorkspaceSettingsStore();
        var playbooks = new InMemoryPlaybookStore();
        var hosts = new RestartHosts(_ => { });
        void Shared(IServiceCollection s) => s.AddSingleton<IWorkspaceSettingsStore>(settings).AddSingleton<IPlaybookStore>(playbooks);
        await using var first = await hosts.StartAsync(Shared);
        await using var second = await hosts.StartAsync(Shared);
        var a = first.GetRequiredService<LiveChatEngine>();
        var b = second.GetRequiredService<LiveChatEngine>();
        b.Playbooks.Texts.Get("en", SystemText.RoutingQuestion, Acme).Should().Be("Are you already a customer?");
        (await b.Playbooks.GetActiveAsync(Acme)).Should().BeNull();

        await a.Playbooks.Texts.SetAsync("en", SystemText.RoutingQuestion, "Already with us?", Acme);
        await a.Identity.ConfigureAsync(Acme, new IdentitySettings { DefaultRegion = "FR" });
        await a.Email.ConfigureAsync(Acme, new EmailSettings { WorkspaceName = "ACME" });
        await a.Playbooks.PublishAsync(Acme, RestartHosts.Playbook());

        a.Playbooks.Texts.Get("en", SystemText.RoutingQuestion, Acme).Should().Be("Already with us?", "the engine that saved it uses it at once");
        hosts.Clock.Advance(new LiveChatOptions().WorkspaceCacheDuration - TimeSpan.FromMilliseconds(1));
        b.Playbooks.Texts.Get("en", SystemText.RoutingQuestion, Acme).Should().Be("Are you already a customer?", "its copy is still fresh");
        (await b.Playbooks.GetActiveAsync(Acme)).Should().BeNull();

        hosts.Clock.Advance(TimeSpan.FromMilliseconds(1));
        b.Playbooks.Texts.Get("en", SystemText.RoutingQuestion, Acme).Should().Be("Already with us?");
        (await b.Identity.GetSettingsAsync(Acme)).DefaultRegion.Should().Be("FR");
        (await b.Email.GetSettingsAsync(Acme)).WorkspaceName.Should().Be("ACME");
        (await b.Playbooks.GetActiveAsync(Acme))!.Id.Should().Be("website");
    }

    [Fact]
    public async Task ConcurrentSavesOfDifferentSections_FromTwoEngines_LoseNothing()
    {
        var settings = new InMemoryWorkspaceSettingsStore();
        var hosts = new RestartHosts(_ => { });
        void Shared(IServiceCollection s) => s.AddSingleton<IWorkspaceSettingsStore>(settings);
        await using var first = await hosts.StartAsync(Shared);
        await using var second = await hosts.StartAsync(Shared);
        var a = first.GetRequiredService<LiveChatEngine>();
        var b = second.GetRequiredService<LiveChatEngine>();

        await Task.WhenAll(
            Task.Run(async () => await a.Playbooks.Texts.SetAsync("fr", SystemText.RoutingYes, "Oui", Acme)),
            Task.Run(async () => await b.Playbooks.Texts.SetAsync("fr", SystemText.RoutingNo, "Non", Acme)),
            Task.Run(async () => await a.Identity.ConfigureAsync(Acme, new IdentitySettings { DefaultRegion = "FR" })));

        hosts.Clock.Advance(new LiveChatOptions().WorkspaceCacheDuration);
        a.Playbooks.Texts.Get("fr", SystemText.RoutingNo, Acme).Should().Be("Non");
        b.Playbooks.Texts.Get("fr", SystemText.RoutingYes, Acme).Should().Be("Oui");
        b.Identity.GetSettings(Acme).DefaultRegion.Should().Be("FR");
    }
}
