using CsCheck;
using FluentAssertions;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Xunit;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// A store never commits what it cannot read back (issue 14): every stored shape (a conversation with every nested
/// part, a message, an agent) is written with values CsCheck generates from everything the SDK accepts, and must read
/// back exactly; a value the store cannot keep is refused, and the record it was meant for stays readable as it was.
/// </summary>
/// <remarks>A few dozen samples per shape keep a database adapter under a few seconds per test on a two-core machine.</remarks>
public abstract class RoundTripComplianceTests : IdentityComplianceTests
{
    private const int Samples = 40;

    [Fact]
    public async Task Commit_GeneratedConversationShapes_ReadBackExactly()
        => await StoredShapes.Changes.SampleAsync(async change =>
        {
            var created = await CreateAsync();
            var committed = (await CommitAsync(created, change)).Conversation;

            ShouldMatch(await ReloadAsync(committed), committed);
            ShouldMatch(committed, change(created) with { Version = committed.Version });
        }, iter: Samples, threads: 1);

    [Fact]
    public async Task Create_GeneratedVisitorAndChannelNames_ReadBackExactly()
        => await CsCheck.Gen.Select(StoredShapes.Text(), StoredShapes.Text(4)).SampleAsync(async sample =>
        {
            var draft = NewConversation(visitorName: sample.Item1) with { Channel = sample.Item2 };
            var created = await Conversations.CreateConversationAsync(draft);

            ShouldMatch(await ReloadAsync(created), created);
            created.VisitorName.Should().Be(sample.Item1);
            created.Channel.Should().Be(sample.Item2);
        }, iter: Samples, threads: 1);

    [Fact]
    public async Task Append_GeneratedMessages_ReadBackExactly()
    {
        var conversation = await CreateAsync();
        await StoredShapes.Drafts(Now).SampleAsync(async draft =>
        {
            var current = await ReloadAsync(conversation);
            var result = await Conversations.AppendAsync(current.Workspace, current.Id, current.Version, draft);
            var read = await Conversations.GetMessagesAsync(current.Workspace, current.Id, result.Message.Sequence - 1, 1);

            ShouldMatch(read, [result.Message]);
            read[0].Text.Should().Be(draft.Text);
            read[0].Sender.DisplayName.Should().Be(draft.Sender.DisplayName);
            read[0].ClientMessageId.Should().Be(draft.ClientMessageId);
        }, iter: Samples, threads: 1);
    }

    [Fact]
    public async Task UpsertAgent_GeneratedRegistrations_ReadBackExactly()
        => await StoredShapes.Registrations.SampleAsync(async registration =>
        {
            var stored = await Agents.UpsertAgentAsync(WorkspaceA, registration, Now);

            (await ReloadAsync(stored)).Should().BeEquivalentTo(stored, o => o.ComparingRecordsByMembers());
            stored.DisplayName.Should().Be(registration.DisplayName);
            stored.Id.Should().Be(registration.Id);
        }, iter: Samples, threads: 1);

    [Fact]
    public async Task Commit_DefaultMoney_IsRefusedOrReadsBack_AndTheConversationStaysReadable()
    {
        var created = await CreateAsync();
        var poisoned = created with { Details = created.Details with { DealValue = default(Money) } };

        try
        {
            var committed = (await Conversations.CommitAsync(new ConversationCommit(poisoned, created.Version, []))).Conversation;
            ShouldMatch(await ReloadAsync(committed), committed);
        }
        catch (Exception e) when (e is ArgumentException or LiveChatException or System.Text.Json.JsonException)
        {
            ShouldMatch(await ReloadAsync(created), created);
        }

        (await Conversations.GetMessagesAsync(WorkspaceA, created.Id, 0, 10)).Should().BeEmpty();
    }
}
