using CsCheck;
using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Hostile input through the engine over the store under test (issue 14): the four kinds of fault, and a property test
/// that drives every public entry point of <see cref="HostileCalls"/> with generated hostile values. After each call
/// only documented exceptions are thrown, a refused call leaves the store's snapshot unchanged, and what is accepted
/// reads back exactly.
/// </summary>
public abstract class HostileInputComplianceTests : RoundTripComplianceTests
{
    /// <summary>Sequences of calls per property run, each on a freshly seeded world.</summary>
    private const int Worlds = 12;

    /// <summary>Calls per world; with <see cref="Worlds"/>, a few hundred hostile calls per store.</summary>
    private const int CallsPerWorld = 25;

    [Fact]
    public async Task DefaultStruct_DealValueOfDefaultMoney_IsRefused_AndTheConversationStaysReadable()
    {
        await using var services = EngineOverStore();
        var world = await HostileWorld.CreateAsync(services);
        var (chat, conversation, alice) = (world.Chat, world.ConversationIds[2], world.AgentIds[2]);

        await chat.Invoking(c => c.Details.UpdateAsync(world.A, conversation, alice, new ConversationDetailsUpdate { DealValue = default(Money) }).AsTask())
            .Should().ThrowAsync<ArgumentException>();

        (await chat.Conversations.GetAsync(world.A, conversation)).Details.DealValue.Should().BeNull();
        (await chat.Inbox.ListAsync(world.A, alice, InboxFolder.Mine)).Items.Should().Contain(c => c.Id == conversation);
        await chat.Visitors.PostAsync(world.A, conversation, world.Tokens[3], "still here");
        await chat.Conversations.EndAsync(world.A, conversation, alice);
        var restarted = EngineOverStore(); // Not disposed: it would dispose the store the first engine still holds.
        (await restarted.GetRequiredService<LiveChatEngine>().Conversations.GetAsync(world.A, conversation)).State.Should().Be(ConversationState.Ended);
    }

    [Fact]
    public async Task DriverException_NulInVisitorText_IsRefusedAsBadInput_OnEveryStore()
    {
        await using var services = EngineOverStore();
        var world = await HostileWorld.CreateAsync(services);
        var before = await world.SnapshotAsync();

        await world.Chat.Invoking(c => c.Visitors.PostAsync(world.A, world.ConversationIds[3], world.Tokens[4], "before\0after").AsTask())
            .Should().ThrowExactlyAsync<ArgumentException>();

        (await world.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task InvalidUtf16_LoneSurrogateInMessageOrName_IsRefused_AndTheRetryOfAValidMessageIsNotAConflict()
    {
        await using var services = EngineOverStore();
        var world = await HostileWorld.CreateAsync(services);
        var (chat, conversation, token) = (world.Chat, world.ConversationIds[3], world.Tokens[4]);
        var before = await world.SnapshotAsync();

        await chat.Invoking(c => c.Visitors.PostAsync(world.A, conversation, token, "lone \uD800 x", "m-1").AsTask()).Should().ThrowAsync<ArgumentException>();
        await chat.Invoking(c => c.Conversations.StartAsync(world.A, new StartConversationRequest { VisitorName = "lone \uD800 x" }).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        (await world.SnapshotAsync()).Should().Be(before);

        var first = await chat.Visitors.PostAsync(world.A, conversation, token, "pair \uD83D\uDE42 x", "m-1");
        var retry = await chat.Visitors.PostAsync(world.A, conversation, token, "pair \uD83D\uDE42 x", "m-1");
        retry.Should().BeEquivalentTo(first);
        (await chat.Conversations.GetMessagesAsync(world.A, conversation, first.Sequence - 1, 1)).Single().Text.Should().Be("pair \uD83D\uDE42 x");
    }

    [Fact]
    public async Task PagingToken_UsedForAnotherFolderAgentOrWorkspace_OrChanged_IsRefused()
    {
        await using var services = EngineOverStore();
        var world = await HostileWorld.CreateAsync(services);
        var (chat, alice, bob, carol) = (world.Chat, world.AgentIds[2], world.AgentIds[3], world.AgentIds[4]);
        await chat.Conversations.ClaimAsync(world.A, world.ConversationIds[3], alice);
        var page = await chat.Inbox.ListAsync(world.A, alice, InboxFolder.Mine, pageSize: 1);
        var token = page.ContinuationToken!;

        (await chat.Inbox.ListAsync(world.A, alice, InboxFolder.Mine, 1, token)).Items.Should().ContainSingle().Which.Id.Should().NotBe(page.Items[0].Id);
        await Refused(() => chat.Inbox.ListAsync(world.A, alice, InboxFolder.Ended, 1, token).AsTask());
        await Refused(() => chat.Inbox.ListAsync(world.A, bob, InboxFolder.Mine, 1, token).AsTask());
        await Refused(() => chat.Inbox.ListAsync(world.B, carol, InboxFolder.Mine, 1, token).AsTask());
        var changed = (token[^2] == 'A' ? 'B' : 'A') + token[^1..];
        await Refused(() => chat.Inbox.ListAsync(world.A, alice, InboxFolder.Mine, 1, token[..^2] + changed).AsTask());
        token.Should().NotContain(world.A.Value).And.NotContain("alice").And.NotContain(page.Items[0].Number.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ".");

        static Task Refused(Func<Task> act) => act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task PagingToken_MalformedOrTamperedInAnyWay_IsArgumentException_NeverAFormatException()
    {
        await using var services = EngineOverStore();
        var world = await HostileWorld.CreateAsync(services);
        var (chat, alice) = (world.Chat, world.AgentIds[2]);
        await chat.Conversations.ClaimAsync(world.A, world.ConversationIds[3], alice);
        var token = (await chat.Inbox.ListAsync(world.A, alice, InboxFolder.Mine, pageSize: 1)).ContinuationToken!;
        string[] tampered =
        [
            token.ToUpperInvariant(), token.ToLowerInvariant(), token[..^1], token + "A", token + token, token + "=", token + "==",
            token.Replace('-', '+').Replace('_', '/'), "+" + token[1..], token[..^1] + "/", token[..^1] + "!", token[..^1] + "\0",
            token[..^1] + "\uD800", " " + token[1..], token[..10] + "\u00E9" + token[11..], "====", "%%%", "\uD800", new string('A', 100_000),
        ];

        foreach (var changed in tampered.Where(t => t != token))
        {
            await chat.Invoking(c => c.Inbox.ListAsync(world.A, alice, InboxFolder.Mine, 1, changed).AsTask())
                .Should().ThrowExactlyAsync<ArgumentException>($"the token {changed[..Math.Min(80, changed.Length)]} is not the one the inbox made");
        }
    }

    [Fact]
    public async Task DefaultStruct_ContactIdInEveryIdentityCall_IsArgumentException_AndNothingChanges()
    {
        await using var services = EngineOverStore();
        var world = await HostileWorld.CreateAsync(services);
        var identity = world.Chat.Identity;
        var contact = (await identity.IdentifyAsync(world.A, new IdentifyRequest { ConversationId = world.ConversationIds[3], Email = "dee@example.com" })).Contact!;
        var before = await world.SnapshotAsync();
        var log = await identity.GetLogAsync(world.A);

        Func<Task>[] calls =
        [
            () => identity.GetContactAsync(world.A, default).AsTask(),
            () => identity.GetAuditTrailAsync(world.A, default).AsTask(),
            () => identity.ExportAsync(world.A, default).AsTask(),
            () => identity.EraseAsync(world.A, default, "ops", "request").AsTask(),
            () => identity.MergeAsync(world.A, contact.Id, default, "ops", "same person").AsTask(),
            () => identity.MergeAsync(world.A, default, contact.Id, "ops", "same person").AsTask(),
            () => identity.CorrectFieldAsync(world.A, default, "name", "Dee", "ops", "typo").AsTask(),
            () => identity.DetachIdentifierAsync(world.A, default, ContactIdentifier.Email("dee@example.com"), "ops", "wrong").AsTask(),
        ];
        foreach (var call in calls)
        {
            (await call.Should().ThrowExactlyAsync<ArgumentException>()).Which.Message.Should().Contain("default(ContactId)");
        }

        (await world.SnapshotAsync()).Should().Be(before);
        (await identity.GetLogAsync(world.A)).Should().HaveSameCount(log);
    }

    [Fact]
    public async Task InvalidUtf16_LoneSurrogateOrNulInAChannelHandleOrIdentifier_IsRefused_AndNothingIsLogged()
    {
        await using var services = EngineOverStore();
        var world = await HostileWorld.CreateAsync(services);
        var identity = world.Chat.Identity;
        var before = await world.SnapshotAsync();
        var log = (await identity.GetLogAsync(world.A)).Count;
        var conversation = world.ConversationIds[3];

        foreach (var text in new[] { "visitor-\uD800", "\uDC00visitor", "visitor\0x" })
        {
            await identity.Invoking(i => i.IdentifyAsync(world.A, new IdentifyRequest { ConversationId = conversation, ChannelHandle = text }).AsTask())
                .Should().ThrowAsync<ArgumentException>();
            await identity.Invoking(i => i.IdentifyAsync(world.A, new IdentifyRequest { ConversationId = conversation, ExternalUserId = text }).AsTask())
                .Should().ThrowAsync<ArgumentException>();
        }

        (await identity.GetLogAsync(world.A)).Should().HaveCount(log);
        (await world.SnapshotAsync()).Should().Be(before);
        var restarted = EngineOverStore(); // Not disposed: it would dispose the store the first engine still holds.
        (await restarted.GetRequiredService<LiveChatEngine>().Identity.GetLogAsync(world.A)).Should().HaveCount(log);
    }

    [Fact]
    public async Task HostileInput_EveryPublicEntryPoint_RefusesCleanlyOrReadsBackExactly()
    {
        var texts = Gen.Int[0, HostileWorld.Texts.Count - 1];
        var picks = Gen.Select(
            Gen.Int[0, HostileCalls.All.Count - 1], Gen.Select(texts, texts), Gen.Int[0, 3], Gen.Int[0, 5], Gen.Int[0, 4], Gen.Int[0, 6],
            Gen.Int[0, HostileWorld.Numbers.Count - 1], Gen.Int[0, HostileWorld.Amounts.Count - 1],
            (call, text, ws, conversation, agent, token, number, amount) => new HostilePick(call, text.Item1, text.Item2, ws, conversation, agent, token, number, amount));

        await using var services = EngineOverStore();
        await picks.Array[CallsPerWorld].SampleAsync(async calls =>
        {
            var world = await HostileWorld.CreateAsync(services);
            foreach (var pick in calls)
            {
                await CheckAsync(world, pick);
            }
        }, iter: Worlds, threads: 1);
    }

    private static async Task CheckAsync(HostileWorld world, HostilePick pick)
    {
        var before = await world.SnapshotAsync();
        Func<Task>? readBack;
        try
        {
            readBack = await HostileCalls.All[pick.Call].Run(world, pick);
        }
        catch (Exception e) when (LiveChatException.CategoryOf(e) is { } category)
        {
            category.Should().NotBe(LiveChatErrorCategory.Unavailable, $"{pick} is bad input, not a store failure: {e}");
            (await world.SnapshotAsync()).Should().Be(before, $"{pick} was refused with {e.GetType().Name}, so nothing may change");
            return;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{pick} threw the undocumented {e.GetType().Name}: {e}");
        }

        if (readBack is not null)
        {
            await readBack();
        }

        await world.SnapshotAsync(); // Everything the store holds still reads back.
    }
}
