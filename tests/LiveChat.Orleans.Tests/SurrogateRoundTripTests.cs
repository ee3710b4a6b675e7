using System.Collections.Immutable;
using System.Reflection;
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
/// (a trial's JSON fallback lost id values silently), and every exception the identity port documents arrives as the
/// core's own type with its values and message, not as Orleans' fallback for types outside its known namespaces.
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
        await using var provider = Engine();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        await chat.Agents.DefineTeamAsync(acme, new Team(new("sales"), "Sales"));
        var started = await chat.Conversations.StartAsync(acme, new StartConversationRequest { VisitorName = "Jan" });
        var handoff = await chat.Conversations.RequestAgentAsync(acme, started.Conversation.Id, RoutingTarget.ToTeam(new("sales")));
        var conversation = handoff.Conversation;
        conversation.Routing.Should().NotBeNull();
        conversation.Participants.Should().NotBeEmpty("a list arrives as a new array, so equality must compare it by value");

        var serializer = Services.GetRequiredService<Serializer>();
        var back = serializer.Deserialize<Conversation>(serializer.SerializeToArray(conversation));

        back.Should().BeEquivalentTo(conversation);
        back.Should().Be(conversation, "a conversation from another silo equals the one sent, its lists compared by value");
        back.Id.Should().Be(conversation.Id);
        back.Workspace.Should().Be(acme);
        back.Routing!.Target.Should().Be(RoutingTarget.ToTeam(new("sales")));
        Services.GetRequiredService<DeepCopier>().Copy(conversation).Should().BeEquivalentTo(conversation);
        serializer.Deserialize<HandoffResult>(serializer.SerializeToArray(handoff)).Should().BeEquivalentTo(handoff, "a handoff command's answer")
            .And.Be(handoff);
        Services.GetRequiredService<DeepCopier>().Copy(conversation).Should().Be(conversation);
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
        await using var provider = Engine();
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

    [Fact]
    public async Task SerializeThenDeserialize_EveryIdentityWritesArgumentsAndResults_KeepEveryValue()
    {
        await using var provider = Engine();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        await chat.Identity.ConfigureAsync(acme, new IdentitySettings { DefaultRegion = "FR" });
        var contacts = new List<Contact>();
        foreach (var (name, email, phone) in new[] { ("Jan Novak", "jan@novak.example", "06 12 34 56 78"), ("Jana Novakova", "jana@novak.example", "06 98 76 54 32") })
        {
            var started = await chat.Conversations.StartAsync(acme, new StartConversationRequest { VisitorName = name });
            contacts.Add((await chat.Identity.IdentifyAsync(acme, new IdentifyRequest { ConversationId = started.Conversation.Id, Name = name, Email = email, Phone = phone })).Contact!);
        }

        var corrected = await chat.Identity.CorrectFieldAsync(acme, contacts[0].Id, "company", "Novak s.r.o.", "agent:alice", "told on the phone");
        var merged = await chat.Identity.MergeAsync(acme, contacts[0].Id, contacts[1].Id, "agent:alice", "one person");
        var undone = await chat.Identity.UndoMergeAsync(acme, merged.Sequence, "agent:alice", "two people after all");
        var erased = await chat.Identity.EraseAsync(acme, contacts[1].Id, "dpo", "asked to be forgotten");
        var moveUndone = new ConversationMoveUndone(12, contacts[0].Id, contacts[1].Id, new(Guid.NewGuid()))
        {
            Sequence = 13, OccurredAt = DateTimeOffset.UnixEpoch.AddYears(56), Actor = "agent:alice", Reason = "moved by mistake",
        };
        object[] values = [corrected, corrected.Identifiers[0].Identifier, merged, undone, moveUndone, erased];
        var serializer = Services.GetRequiredService<Serializer>();

        foreach (var value in values)
        {
            var back = serializer.Deserialize<object>(serializer.SerializeToArray(value));
            back.Should().BeOfType(value.GetType());
            back.Should().BeEquivalentTo(value, o => o.RespectingRuntimeTypes());
            Services.GetRequiredService<DeepCopier>().Copy(value).Should().BeEquivalentTo(value, o => o.RespectingRuntimeTypes());
        }

        merged.MovedIdentifiers.Should().NotBeEmpty("the merge moved what it lists, so the round trip checked values, not empty lists");
    }

    public static TheoryData<Exception> Documented() => new(Exceptions());

    private static Exception[] Exceptions() =>
    [
        new ContactNotFoundException(new("acme"), new(Guid.NewGuid())),
        new ConversationNotFoundException(new("acme"), new(Guid.NewGuid())),
        new IdentifierNotLinkedException(new(Guid.NewGuid()), IdentifierKind.Phone),
        new MergeRefusedException("a contact cannot be merged into itself"),
        new HostVerificationFailedException("the signature does not verify"),
        new InvalidIdentifierException(IdentifierKind.Email, "is empty"),
        new IdentityLogConflictException(new("acme"), 4, 7),
        new CrmRecordNotFoundException(new("acme"), new("lead-42")),
        new StoreUnavailableException("commit", new TimeoutException("no answer in 30 s")),
        new EngineStoppedException(),
        new ArgumentException("The value is too long.", "actor"),
        new ArgumentNullException("request"),
        new NotSupportedException("The conversation store cannot erase message text."),
        new ConversationAlreadyClaimedException(new(Guid.NewGuid()), new("bob")),
        new MessageTooLongException(4001, 4000, "text"),
        new ConcurrencyConflictException(new(Guid.NewGuid()), 3, 4),
        new AgentNotAvailableException(new("alice"), AgentStatus.Away),
        new AgentNotAvailableException(new("alice"), AgentStatus.Online, new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)),
        new AgentNotAvailableException(new("alice"), AgentStatus.Online, null),
        new IdempotencyConflictException(new(Guid.NewGuid()), "client-7"),
        new AgentNotFoundException(new("acme"), new("carol")),
        new SenderNotAllowedException(new(Guid.NewGuid()), ConversationState.Unassigned, SenderKind.Agent),
        new NotAssignedAgentException(new(Guid.NewGuid()), new("bob")),
        new EmailSenderNotConfiguredException(new("acme")),
        new OfferNotFoundException(new(Guid.NewGuid()), new("bob"), 12),
        new OfferExpiredException(new(Guid.NewGuid()), new("bob"), 13),
        new InvalidEmailAddressException("ann@", "has no domain", "email"),
        new ClientAlreadyInCrmException(new(Guid.NewGuid()), new("deal-9")),
        new CrmRecordHasNoOwnerException(new("lead-42")),
        new InvalidConversationTransitionException(ConversationState.Ended, ConversationTrigger.Assign),
        new PlaybookVersionConflictException("welcome", 2, 3),
        new NoEmailAddressException(new(Guid.NewGuid())),
        new TeamNotFoundException(new("acme"), new("sales")),
        new ConversationEndedException(new(Guid.NewGuid()), ConversationTrigger.Requeue),
        new ConversationEndedException(new(Guid.NewGuid()), null),
        new AgentCapacityExceededException(new("bob"), 3),
        new StoreSchemaException(9, 8),
        new EmailTemplateException(EmailKind.Transcript, "de", ["the subject is empty"], ["{{agent.shoe}}"]),
        new ClusterUnavailableException(new TimeoutException("no answer from the router in 30 s")),
    ];

    /// <summary>
    /// Every exception the core throws (its public exception types) has a converter, so none reaches a caller through a
    /// grain as Orleans' fallback; only <see cref="PlaybookValidationException"/> does not cross a grain (a playbook is
    /// validated where the host saves it).
    /// </summary>
    [Fact]
    public void CoreExceptions_EveryConcreteType_HasAConverterWithARoundTripCase()
    {
        var converted = typeof(RouterGrain).Assembly.GetTypes()
            .Select(t => t.BaseType)
            .Where(b => b is { IsGenericType: true } && b.GetGenericTypeDefinition().Name.StartsWith("ExceptionConverter", StringComparison.Ordinal))
            .Select(b => b!.GetGenericArguments()[0])
            .ToHashSet();
        var covered = Exceptions().Select(e => e.GetType()).ToHashSet();
        var thrown = typeof(LiveChatException).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract && t != typeof(PlaybookValidationException))
            .ToList();

        thrown.Should().NotBeEmpty();
        thrown.Should().OnlyContain(t => converted.Contains(t), "each core exception crosses a grain as itself");
        thrown.Should().OnlyContain(t => covered.Contains(t), "each converter has a round-trip case above");
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public void SerializeThenDeserialize_ADocumentedException_ArrivesAsTheSameTypeWithItsValues(Exception exception)
    {
        var thrown = Thrown(exception);
        var serializer = Services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(thrown))!;

        back.Should().BeOfType(exception.GetType());
        back.Message.Should().Be(exception.Message);
        foreach (var property in exception.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            property.GetValue(back).Should().BeEquivalentTo(property.GetValue(exception), property.Name);
        }

        LiveChatException.CategoryOf(back).Should().Be(LiveChatException.CategoryOf(exception));
        back.InnerException?.GetType().Should().Be(exception.InnerException!.GetType());
        back.InnerException?.Message.Should().Be(exception.InnerException!.Message);
        back.StackTrace.Should().Contain(nameof(Thrown), "the grain's stack trace arrives as the remote one");
    }

    /// <summary>
    /// A core exception whose inner exception is a driver's (Npgsql's, which Orleans' exception codec does not carry) still
    /// crosses a grain as itself; the inner one arrives as an <see cref="Exception"/> naming the driver's type and message.
    /// Found under load in the Issue18 checks: a StoreUnavailableException raised in a router grain reached its caller as
    /// Orleans' CodecNotFoundException ("Could not find a codec for type Npgsql.PostgresException").
    /// </summary>
    [Fact]
    public void SerializeThenDeserialize_ACoreExceptionWithADriversInnerException_ArrivesAsItself_WithTheInnerTypeAndMessage()
    {
        var refused = new Npgsql.PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300");
        var serializer = Services.GetRequiredService<Serializer>();
        foreach (var inner in new Exception[] { refused, new InvalidOperationException("opening a connection failed", refused) })
        {
            var exception = Thrown(new StoreUnavailableException("CommitAsync", inner));

            var back = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(exception))!;

            back.Should().BeOfType<StoreUnavailableException>().Which.Operation.Should().Be("CommitAsync");
            LiveChatException.CategoryOf(back).Should().Be(LiveChatErrorCategory.Unavailable);
            back.InnerException!.Message.Should().Contain("Npgsql.PostgresException").And.Contain("53300");
            Services.GetRequiredService<DeepCopier>().Copy(exception).Should().BeOfType<StoreUnavailableException>();
        }
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>An engine in this process, on a clock standing still, to make the records the grains carry.</summary>
    private static ServiceProvider Engine()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));
        services.AddLiveChat();
        return services.BuildServiceProvider();
    }
}
