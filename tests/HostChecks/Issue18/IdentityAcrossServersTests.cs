// I2 across servers: one person identified through several servers at once gives one contact (one identity writer).
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Issue18.Checks;

public sealed class IdentityAcrossServersTests
{
    [ClusterFact]
    public async Task OnePerson_IntroducingThemselfInTwelveChatsThroughThreeServersAtOnce_IsOneContact()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        var chats = new List<(ConversationId id, VisitorToken token)>();
        for (var i = 0; i < 12; i++)
        {
            var (c, t) = await cluster.Servers[i % 3].Chat.Conversations.StartAsync(ws);
            chats.Add((c.Id, t));
        }

        await Task.WhenAll(chats.Select((chat, i) => cluster.Servers[(i + 1) % 3].Chat.Visitors.SubmitContactFormAsync(
            ws, chat.id, chat.token, new ContactForm { Name = "Léa Martin", Email = "lea.martin@example.fr" }).AsTask()));

        var contacts = (await cluster.A.Chat.Identity.GetContactsAsync(ws)).Where(c => c.IsActive).ToList();
        contacts.Should().HaveCount(1, "one person, one contact, whichever server each form went through");
        var ids = await Task.WhenAll(chats.Select(async chat =>
            (await cluster.C.Chat.Identity.FindByConversationAsync(ws, chat.id))?.Id));
        ids.Distinct().Should().ContainSingle().Which.Should().Be(contacts[0].Id);
    }

    [ClusterFact]
    public async Task TwoPeopleInterleavedThroughThreeServers_AreTwoContacts_NeverMerged()
    {
        await using var cluster = await Cluster.StartAsync();
        var ws = Ids.Workspace();
        var tasks = new List<Task>();
        var byPerson = new Dictionary<string, List<ConversationId>> { ["a@example.com"] = new(), ["b@example.com"] = new() };
        for (var i = 0; i < 12; i++)
        {
            var email = i % 2 == 0 ? "a@example.com" : "b@example.com";
            var (c, t) = await cluster.Servers[i % 3].Chat.Conversations.StartAsync(ws);
            byPerson[email].Add(c.Id);
            var via = cluster.Servers[(i + 2) % 3];
            tasks.Add(via.Chat.Visitors.SubmitContactFormAsync(ws, c.Id, t, new ContactForm { Name = email[..1].ToUpperInvariant(), Email = email }).AsTask());
        }

        await Task.WhenAll(tasks);
        (await cluster.B.Chat.Identity.GetContactsAsync(ws)).Where(c => c.IsActive).Should().HaveCount(2);
        // Read right after the writes, through every server: each chat's contact must be there at once (the forms
        // returned), and the same on every server.
        var stale = new List<string>();
        foreach (var (email, conversations) in byPerson)
            foreach (var server in cluster.Servers)
            {
                var ids = await Task.WhenAll(conversations.Select(async id => (await server.Chat.Identity.FindByConversationAsync(ws, id))?.Id));
                if (ids.Any(i => i is null)) stale.Add($"server {server.Name}: {ids.Count(i => i is null)} of {email}'s chats have no contact yet");
                ids.Where(i => i is not null).Distinct().Should().ContainSingle($"every chat of {email} is on one contact");
            }

        if (stale.Count > 0)
        {
            // Does it converge? (tells a stale read from a lost link)
            var converged = false;
            try
            {
                await Wait.UntilAsync(async () =>
                {
                    foreach (var (_, conversations) in byPerson)
                        foreach (var server in cluster.Servers)
                            foreach (var id in conversations)
                                if (await server.Chat.Identity.FindByConversationAsync(ws, id) is null) return false;
                    return true;
                }, TimeSpan.FromSeconds(15), "links converge");
                converged = true;
            }
            catch (Xunit.Sdk.XunitException) { }

            stale.Should().BeEmpty($"a contact form that returned is visible through every server at once (converged later: {converged})");
        }
    }

    /// <summary>Reference: the same interleaved forms on ONE server (no Orleans): are the links readable at once there?</summary>
    [ClusterFact]
    public async Task Reference_OnOneServer_EveryChatsContactIsReadableAsSoonAsTheFormReturns()
    {
        var services = new ServiceCollection();
        services.AddLiveChat().UsePostgreSql(Pg.Required);
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var ws = Ids.Workspace();
        var tasks = new List<Task>();
        var ids = new List<ConversationId>();
        for (var i = 0; i < 12; i++)
        {
            var email = i % 2 == 0 ? "a@example.com" : "b@example.com";
            var (c, t) = await chat.Conversations.StartAsync(ws);
            ids.Add(c.Id);
            tasks.Add(chat.Visitors.SubmitContactFormAsync(ws, c.Id, t, new ContactForm { Name = email[..1], Email = email }).AsTask());
        }

        await Task.WhenAll(tasks);
        var found = await Task.WhenAll(ids.Select(async id => (await chat.Identity.FindByConversationAsync(ws, id))?.Id));
        found.Should().NotContainNulls("on one server a returned form's contact is readable at once");
    }
}
