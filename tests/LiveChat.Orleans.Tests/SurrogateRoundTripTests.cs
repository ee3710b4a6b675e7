using System.Collections.Immutable;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;

namespace LiveChat.Orleans.Tests;

/// <summary>
/// Every core type that crosses a grain boundary round-trips through Orleans' serializer and deep copier value for value
/// (a trial's JSON fallback lost id values silently).
/// </summary>
public sealed class SurrogateRoundTripTests
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(RouterGrain).Assembly))
        .BuildServiceProvider();

    public static TheoryData<object> Ids() =>
    [
        new WorkspaceId("acme"), new AgentId("alice@acme"), new TeamId("sales"), new CrmRecordId("lead-42"),
        new ConversationId(Guid.NewGuid()), new ContactId(Guid.NewGuid()),
        default(WorkspaceId), default(AgentId), default(TeamId), default(CrmRecordId),
    ];

    public static TheoryData<object> Records() =>
    [
        new Agent
        {
            Workspace = new("acme"), Id = new("alice"), DisplayName = "Alice", MaxConcurrentConversations = 3, Status = AgentStatus.Online,
            OpenConversations = 2, Teams = [new("sales"), new("support")], LastSeenAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
        },
        new Team(new("sales"), "Sales", new TeamId("support")),
        RoutingTarget.Workspace, RoutingTarget.ToTeam(new("sales")), RoutingTarget.ToAgent(new("alice"), new TeamId("sales")),
        new ChatMessage
        {
            ConversationId = new(Guid.NewGuid()), Sequence = 7, Sender = new MessageSender(SenderKind.Agent, "Alice", new AgentId("alice")),
            Text = "Hello", ClientMessageId = "msg-1", SentAt = new DateTimeOffset(2026, 11, 30, 9, 0, 1, TimeSpan.Zero),
        },
        new ContactForm { Name = "Jan Novak", Email = "jan@novak.example", Phone = "+420 601 123 456" },
        new ConversationDetailsUpdate { DealValue = new Money(1250.50m, "EUR"), PersonName = "Jan Novak", OrganizationName = "Novak s.r.o." },
        new EmailDelivery
        {
            Id = "d-1", Workspace = new("acme"), ConversationId = new(Guid.NewGuid()), Kind = EmailKind.Transcript, Status = EmailDeliveryStatus.Sent,
            Message = new EmailMessage
            {
                MessageId = "<m-1@acme.example>", From = EmailAddress.Create("chat@acme.example", "Acme"), To = EmailAddress.Create("jan@novak.example", "Jan"),
                Subject = "Your chat", HtmlBody = "<p>Hi</p>", TextBody = "Hi",
            },
            Attempts = 1, EnqueuedAt = new DateTimeOffset(2026, 11, 30, 9, 0, 2, TimeSpan.Zero), SentAt = new DateTimeOffset(2026, 11, 30, 9, 0, 3, TimeSpan.Zero),
            CoversUpToSequence = 4, Version = 2,
        },
    ];

    [Theory]
    [MemberData(nameof(Ids))]
    public void SerializeThenDeserialize_AnId_KeepsItsValue(object id)
    {
        var serializer = Services.GetRequiredService<Serializer>();

        serializer.Deserialize<object>(serializer.SerializeToArray(id)).Should().Be(id);
        Services.GetRequiredService<DeepCopier>().Copy(id).Should().Be(id);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void SerializeThenDeserialize_ARecord_KeepsEveryValue(object value)
    {
        var serializer = Services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<object>(serializer.SerializeToArray(value));

        back.Should().BeOfType(value.GetType());
        back.Should().BeEquivalentTo(value, o => o.RespectingRuntimeTypes());
        Services.GetRequiredService<DeepCopier>().Copy(value).Should().BeEquivalentTo(value, o => o.RespectingRuntimeTypes());
    }

    [Fact]
    public async Task SerializeThenDeserialize_AConversationAsTheEngineStoresIt_KeepsEveryValue()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        await chat.Agents.DefineTeamAsync(acme, new Team(new("sales"), "Sales"));
        var started = await chat.Conversations.StartAsync(acme, new StartConversationRequest { VisitorName = "Jan" });
        var handoff = await chat.Conversations.RequestAgentAsync(acme, started.Conversation.Id, RoutingTarget.ToTeam(new("sales")));
        var conversation = handoff.Conversation;
        conversation.Routing.Should().NotBeNull();

        var serializer = Services.GetRequiredService<Serializer>();
        var back = serializer.Deserialize<Conversation>(serializer.SerializeToArray(conversation));

        back.Should().BeEquivalentTo(conversation);
        back.Id.Should().Be(conversation.Id);
        back.Workspace.Should().Be(acme);
        back.Routing!.Target.Should().Be(RoutingTarget.ToTeam(new("sales")));
        Services.GetRequiredService<DeepCopier>().Copy(conversation).Should().BeEquivalentTo(conversation);
        serializer.Deserialize<HandoffResult>(serializer.SerializeToArray(handoff)).Should().BeEquivalentTo(handoff, "a handoff command's answer");
    }

    [Fact]
    public void SerializeThenDeserialize_AnEmptyImmutableList_StaysEmpty()
    {
        var agent = new Agent { Workspace = new("acme"), Id = new("bob"), DisplayName = "Bob", MaxConcurrentConversations = 1, Teams = ImmutableArray<TeamId>.Empty };
        var serializer = Services.GetRequiredService<Serializer>();

        serializer.Deserialize<Agent>(serializer.SerializeToArray(agent))!.Teams.Should().BeEmpty();
    }

    [Fact]
    public async Task SerializeThenDeserialize_AnIdentifyRequestAndItsResult_KeepEveryValue()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        await chat.Identity.ConfigureAsync(acme, new IdentitySettings { DefaultRegion = "FR" });
        var first = await chat.Conversations.StartAsync(acme, new StartConversationRequest { VisitorName = "Jan" });
        await chat.Identity.IdentifyAsync(acme, new IdentifyRequest { ConversationId = first.Conversation.Id, Name = "Jan Novak", Email = "jan@novak.example" });
        var second = await chat.Conversations.StartAsync(acme);
        var request = new IdentifyRequest
        {
            ConversationId = second.Conversation.Id, Name = "Jan", Email = "Jan@Novak.example", Phone = "06 12 34 56 78",
            ContactDetailsVerification = VerificationLevel.ChannelAsserted, Identifiers = [ContactIdentifier.ExternalUser("u-42")],
            Fields = ImmutableDictionary<string, string>.Empty.Add("company", "Novak s.r.o."),
        };
        var result = await chat.Identity.IdentifyAsync(acme, request);
        result.Contact.Should().NotBeNull();
        var serializer = Services.GetRequiredService<Serializer>();

        serializer.Deserialize<IdentifyRequest>(serializer.SerializeToArray(request)).Should().BeEquivalentTo(request);
        var back = serializer.Deserialize<IdentifyResult>(serializer.SerializeToArray(result));
        back.Should().BeEquivalentTo(result);
        back.Contact!.Id.Should().Be(result.Contact!.Id);
        Services.GetRequiredService<DeepCopier>().Copy(result).Should().BeEquivalentTo(result);
    }
}
