using LiveChat.Core;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Testing.Storage;
using LiveChat.Core.Texts;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.PostgreSql.Tests;

/// <summary>
/// Issue 15 item 3: two hosts over one PostgreSQL database see the same workspace settings (identity, e-mail, texts) and
/// the same published playbook, the second within <see cref="LiveChatOptions.WorkspaceCacheDuration"/> of the change.
/// </summary>
public sealed class PostgreSqlTwoHostsStateTests(SharedDatabase shared) : IClassFixture<SharedDatabase>
{
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task TwoHosts_SeeTheSameSettingsAndPlaybook_OnceTheCacheDurationPassed()
    {
        var (connectionString, cleanup) = await shared.CreateSchemaAsync();
        try
        {
            var hosts = new RestartHosts(b => b.UsePostgreSql(connectionString));
            await using var first = await hosts.StartAsync();
            await using var second = await hosts.StartAsync();
            var a = first.GetRequiredService<LiveChatEngine>();
            var b = second.GetRequiredService<LiveChatEngine>();
            (await b.Identity.GetSettingsAsync(Acme)).Should().BeEquivalentTo(IdentitySettings.Default, "nothing was saved yet");
            (await b.Playbooks.GetActiveAsync(Acme)).Should().BeNull();

            var identity = new IdentitySettings { DefaultRegion = "CZ", MaxContactsPerValue = 5, LeadDistributionGroup = "sales-emea" };
            var email = new EmailSettings { Sender = EmailAddress.Create("admin@acme.example", "ACME Support"), WorkspaceName = "ACME", DefaultLanguage = "fr", TimeZone = "Europe/Paris" };
            await a.Identity.ConfigureAsync(Acme, identity);
            await a.Email.ConfigureAsync(Acme, email);
            await a.Playbooks.Texts.SetAsync("fr", SystemText.RoutingQuestion, "Êtes-vous déjà client ?", Acme);
            await a.Playbooks.PublishAsync(Acme, RestartHosts.Playbook());
            hosts.Clock.Advance(new LiveChatOptions().WorkspaceCacheDuration);

            (await b.Identity.GetSettingsAsync(Acme)).Should().BeEquivalentTo(identity);
            b.Identity.GetSettings(Acme).DefaultRegion.Should().Be("CZ");
            (await b.Email.GetSettingsAsync(Acme)).Should().BeEquivalentTo(email with { DefaultLanguage = "fr" });
            b.Playbooks.Texts.Get("fr", SystemText.RoutingQuestion, Acme).Should().Be("Êtes-vous déjà client ?");
            (await b.Playbooks.GetActiveAsync(Acme)).Should().BeEquivalentTo(RestartHosts.Playbook());
            var visitor = await b.Conversations.StartAsync(Acme);
            (await RestartHosts.BotSaysAsync(second, Acme, visitor.Conversation.Id)).First().Should().Be("Hi, I'm Leo.");
        }
        finally
        {
            await cleanup();
        }
    }
}
