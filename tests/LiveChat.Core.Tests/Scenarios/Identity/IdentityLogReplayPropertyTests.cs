using CsCheck;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios.Identity;

/// <summary>
/// I5 as a property: for random identify (moves included), merge, detach, undo (of merges and moves) and erase
/// sequences, replaying the log rebuilds the same contacts: replayed in memory, after a round trip through the stores'
/// JSON, and by a new engine over the same store.
/// </summary>
public sealed class IdentityLogReplayPropertyTests
{
    private const int Conversations = 6;

    private static readonly string[] Emails = ["ana@example.com", "ben@example.com", "info@example.com", "cy@example.com"];
    private static readonly string[] Phones = ["+33612345678", "+33698765432", "06 12 34 56 78", "+420601123456"];

    private static readonly Gen<(int Kind, int A, int B, int C)[]> Plans =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 9], Gen.Int[0, 9], Gen.Int[0, 9]).Array[1, 30];

    [Fact]
    public async Task ReplayingTheLog_RebuildsTheSameContacts()
    {
        await Plans.SampleAsync(RunAndCheckAsync, iter: 150, threads: 1, print: Describe);
    }

    private static async Task RunAndCheckAsync((int Kind, int A, int B, int C)[] plan)
    {
        await using var h = IdentityHarness.French();
        h.Chat.Identity.Configure(h.Workspace, new IdentitySettings { DefaultRegion = "FR", MaxContactsPerValue = 2 });
        var conversations = new List<ConversationId>();
        for (var i = 0; i < Conversations; i++)
        {
            conversations.Add(await h.StartOnAsync(i % 2 == 0 ? "webchat" : "telegram"));
        }

        foreach (var (kind, a, b, c) in plan)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            try
            {
                await ApplyAsync(h, conversations, kind, a, b, c);
            }
            catch (LiveChatException)
            {
                // Refusals (unknown merge, nothing to detach…) are part of the space explored; they must change nothing.
            }
        }

        var log = await h.Chat.Identity.GetLogAsync(h.Workspace);
        var contacts = await h.Chat.Identity.GetContactsAsync(h.Workspace);
        IdentityService.Replay(h.Workspace, log).Should().BeEquivalentTo(contacts, IdentityHarness.ByMembers);
        var stored = log.Select(e => StoreJson.DeserializeIdentityEvent(StoreJson.SerializeIdentityEvent(e))).ToList();
        IdentityService.Replay(h.Workspace, stored).Should().BeEquivalentTo(contacts, IdentityHarness.ByMembers, "the JSON every store keeps loses nothing");
        (await h.Services.GetRequiredService<IIdentityLogStore>().ReadIdentityEventsAsync(h.Workspace, 0))
            .Should().BeEquivalentTo(log, o => o.RespectingRuntimeTypes().ComparingRecordsByMembers().WithStrictOrdering(), "the store holds the log, redactions included");
        await using (var restarted = new ServiceCollection().AddSingleton<TimeProvider>(h.Clock).AddLiveChat()
            .UseStore(_ => h.Services.GetRequiredService<InMemoryLiveChatStore>()).Services.BuildServiceProvider())
        {
            (await restarted.GetRequiredService<LiveChatEngine>().Identity.GetContactsAsync(h.Workspace))
                .Should().BeEquivalentTo(contacts, IdentityHarness.ByMembers, "a restarted engine rebuilds the graph from the store");
        }

        log.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, log.Count).Select(i => (long)i));
        // The indexes are derived state: rebuilt from the log they must agree with the live ones, and with the contacts.
        var live = h.Chat.Identity.Book(h.Workspace);
        var replayed = IdentityBook.Replay(h.Workspace, log);
        foreach (var conversation in conversations)
        {
            var owners = contacts.Where(x => x.IsActive && x.Conversations.Any(cc => cc.ConversationId == conversation)).Select(x => x.Id).ToList();
            owners.Should().HaveCountLessThanOrEqualTo(1, "a conversation belongs to one contact at most");
            replayed.FindByConversation(conversation)?.Id.Should().Be(live.FindByConversation(conversation)?.Id);
            live.FindByConversation(conversation)?.Id.Should().Be(owners.Count == 1 ? owners[0] : null);
        }

        foreach (var link in contacts.SelectMany(x => x.Identifiers).Select(l => l.Identifier).DistinctBy(i => (i.Kind, i.Value)))
        {
            var holders = contacts.Where(x => x.IsActive && x.Identifiers.Any(l => !l.Blocked && l.Identifier.SameAs(link))).Select(x => x.Id);
            live.Owners(link.Key).Should().BeEquivalentTo(holders);
            replayed.Owners(link.Key).Should().Equal(live.Owners(link.Key));
        }
    }

    private static async Task ApplyAsync(LiveChatHarness h, List<ConversationId> conversations, int kind, int a, int b, int c)
    {
        var identity = h.Chat.Identity;
        var active = (await identity.GetContactsAsync(h.Workspace)).Where(x => x.IsActive).ToList();
        switch (kind)
        {
            case 0 or 1:
                await h.IdentifyAsync(conversations[a % Conversations], r => r with
                {
                    Email = b < 5 ? Emails[b % Emails.Length] : null,
                    Phone = c < 6 ? Phones[c % Phones.Length] : null,
                    ChannelHandle = c >= 8 ? $"h{a % 3}" : null,
                    Name = kind == 1 ? $"Name {b}" : null,
                });
                break;
            case 2 when active.Count >= 2:
                await identity.MergeAsync(h.Workspace, active[a % active.Count].Id, active[b % active.Count].Id, "agent:p", "property");
                break;
            case 3 when active.Count > 0:
                var contact = active[a % active.Count];
                if (contact.Identifiers.Length > 0)
                {
                    await identity.DetachIdentifierAsync(h.Workspace, contact.Id, contact.Identifiers[b % contact.Identifiers.Length].Identifier, "agent:p", "property");
                }

                break;
            case 5 when active.Count > 0 && a % 3 == 0:
                await identity.EraseAsync(h.Workspace, active[b % active.Count].Id, "agent:p", "property");
                break;
            case 4:
                // Automatic decisions undo alike: merges, and conversations moved off a contact their evidence contradicts.
                var undoable = (await identity.GetLogAsync(h.Workspace)).Where(e => e is ContactsMerged or ConversationMoved).ToList();
                if (undoable.Count > 0 && undoable[a % undoable.Count] is ContactsMerged merge)
                {
                    await identity.UndoMergeAsync(h.Workspace, merge.Sequence, "agent:p", "property");
                }
                else if (undoable.Count > 0)
                {
                    await identity.UndoMoveAsync(h.Workspace, undoable[a % undoable.Count].Sequence, "agent:p", "property");
                }

                break;
        }
    }

    private static string Describe((int Kind, int A, int B, int C)[] plan)
        => string.Join(", ", plan.Select(p => $"{p.Kind}:{p.A}/{p.B}/{p.C}"));
}
