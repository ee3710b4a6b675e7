using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Xunit;

namespace Outside;

public class ContractTests
{
    private static readonly WorkspaceId Acme = new("acme");

    private static T ParseVia<T>(string s) where T : IParsable<T> => T.Parse(s, CultureInfo.InvariantCulture);
    private static bool TryParseSpan<T>(string s, out T result) where T : ISpanParsable<T> => T.TryParse(s.AsSpan(), CultureInfo.InvariantCulture, out result!);

    [Fact]
    public void ConversationId_HasOneStringForm_D_AndParsesGenerically()
    {
        var id = new ConversationId(Guid.CreateVersion7());
        var text = id.ToString();
        text.Should().Be(id.Value.ToString("D"));
        ParseVia<ConversationId>(text).Should().Be(id);
        TryParseSpan<ConversationId>(text, out var viaSpan).Should().BeTrue();
        viaSpan.Should().Be(id);
        ConversationId.Parse(text).Should().Be(id);
    }

    [Theory]
    [InlineData("N")]
    [InlineData("B")]
    [InlineData("P")]
    public void ConversationId_OtherGuidForms_AreRefused(string format)
    {
        var g = Guid.CreateVersion7();
        var act = () => ConversationId.Parse(g.ToString(format), CultureInfo.InvariantCulture);
        act.Should().Throw<FormatException>("one string form: the Guid's \"D\" format");
        ConversationId.TryParse(g.ToString(format), CultureInfo.InvariantCulture, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData(" 0190a8e4-7b1c-7d2e-9f00-123456789abc")]
    public void ConversationId_Malformed_IsFormatException(string text)
    {
        var act = () => ConversationId.Parse(text, CultureInfo.InvariantCulture);
        act.Should().Throw<FormatException>();
        ConversationId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
    }

    [Fact]
    public void Ids_NullParse_IsArgumentNull()
    {
        ((Action)(() => ConversationId.Parse(null!, CultureInfo.InvariantCulture))).Should().Throw<ArgumentNullException>();
        ((Action)(() => WorkspaceId.Parse(null!, CultureInfo.InvariantCulture))).Should().Throw<ArgumentNullException>();
        WorkspaceId.TryParse(null, CultureInfo.InvariantCulture, out _).Should().BeFalse();
    }

    [Fact]
    public void StringIds_RoundTripAndLimits()
    {
        ParseVia<WorkspaceId>("acme").Should().Be(new WorkspaceId("acme"));
        ParseVia<AgentId>("alice").Should().Be(new AgentId("alice"));
        ParseVia<TeamId>("sales").Should().Be(new TeamId("sales"));
        ParseVia<CrmRecordId>("lead-42").ToString().Should().Be("lead-42");
        var contact = new ContactId(Guid.NewGuid());
        ParseVia<ContactId>(contact.ToString()).Should().Be(contact);

        var tooLong = new string('w', WorkspaceId.MaxLength + 1);
        ((Action)(() => WorkspaceId.Parse(tooLong, CultureInfo.InvariantCulture))).Should().Throw<FormatException>();
        ((Action)(() => _ = new WorkspaceId(tooLong))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new WorkspaceId("   "))).Should().Throw<ArgumentException>();
        ((Action)(() => WorkspaceId.Parse("a\0b", CultureInfo.InvariantCulture))).Should().Throw<FormatException>();
        ((Action)(() => TeamId.Parse(new string('t', 65), CultureInfo.InvariantCulture))).Should().Throw<FormatException>();
        WorkspaceId.TryParse(new string('x', 129), CultureInfo.InvariantCulture, out _).Should().BeFalse();
        new WorkspaceId(new string('w', WorkspaceId.MaxLength)).Value.Length.Should().Be(128);
    }

    private sealed record Envelope(WorkspaceId Workspace, ConversationId Conversation, AgentId Agent, TeamId Team, ContactId Contact, CrmRecordId Record);

    [Fact]
    public void Ids_JsonRoundTrip_WithoutRegisteringAnything()
    {
        var envelope = new Envelope(Acme, new ConversationId(Guid.CreateVersion7()), new AgentId("alice"), new TeamId("sales"), new ContactId(Guid.NewGuid()), CrmRecordId.Parse("lead-1", null));
        var json = JsonSerializer.Serialize(envelope);
        json.Should().Contain($"\"{envelope.Conversation}\"").And.Contain("\"acme\"").And.Contain("\"alice\"");
        JsonSerializer.Deserialize<Envelope>(json).Should().Be(envelope);

        var dict = new Dictionary<ConversationId, int> { [envelope.Conversation] = 3 };
        var dictJson = JsonSerializer.Serialize(dict);
        dictJson.Should().Contain(envelope.Conversation.ToString());
        JsonSerializer.Deserialize<Dictionary<ConversationId, int>>(dictJson)![envelope.Conversation].Should().Be(3);
    }

    [Theory]
    [InlineData("\"nope\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("\"0190a8e47b1c7d2e9f00123456789abc\"")]
    public void ConversationId_MalformedJson_IsJsonException(string json)
    {
        var act = () => JsonSerializer.Deserialize<ConversationId>(json);
        act.Should().Throw<JsonException>("a malformed id is refused when read with JsonException (LiveChatIdJsonConverter docs)");
    }

    [Fact]
    public void WorkspaceId_TooLongJson_IsJsonException()
    {
        var act = () => JsonSerializer.Deserialize<WorkspaceId>($"\"{new string('w', 200)}\"");
        act.Should().Throw<JsonException>();
        var blank = () => JsonSerializer.Deserialize<WorkspaceId>("\"  \"");
        blank.Should().Throw<JsonException>();
    }

    [Fact]
    public void DefaultId_IsRefusedWhenWritten()
    {
        var act = () => JsonSerializer.Serialize(default(ConversationId));
        act.Should().Throw<Exception>("a default id is refused when written");
        var ws = () => JsonSerializer.Serialize(default(WorkspaceId));
        ws.Should().Throw<Exception>();
    }

    [Fact]
    public async Task VisitorToken_ToString_IsRedacted_Everywhere()
    {
        await using var host = Harness.Build();
        var started = await host.Chat.Conversations.StartAsync(Acme);
        var secret = started.VisitorToken.Value;
        secret.Should().NotBeNullOrEmpty();
        started.VisitorToken.ToString().Should().NotContain(secret);
        $"{started.VisitorToken}".Should().NotContain(secret);
        started.ToString().Should().NotContain(secret, "a logged StartedConversation must not leak the token");
        new VisitorToken(secret).ToString().Should().NotContain(secret);
        // Conversation (the stored record) carries the hash, never the token.
        started.Conversation.ToString().Should().NotContain(secret);
    }

    [Fact]
    public async Task Exceptions_HaveCategoriesHostsMapToHttp()
    {
        await using var host = Harness.Build();
        var chat = host.Chat;
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        foreach (var a in new[] { alice, bob })
        {
            await chat.Agents.RegisterAsync(Acme, new AgentRegistration(a, a.Value, 2));
            await chat.Agents.SetStatusAsync(Acme, a, AgentStatus.Online);
            await chat.Agents.HeartbeatAsync(Acme, a);
        }
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);

        async Task<Exception> Catch(Func<Task> f)
        {
            try { await f(); } catch (Exception e) { return e; }
            throw new Xunit.Sdk.XunitException("expected a refusal");
        }

        var notFound = await Catch(async () => await chat.Conversations.GetAsync(Acme, new ConversationId(Guid.CreateVersion7())));
        LiveChatException.CategoryOf(notFound).Should().Be(LiveChatErrorCategory.NotFound);
        LiveChatErrorCategory.NotFound.ToHttpStatusCode().Should().Be(404);

        var wrongToken = await Catch(async () => await chat.Visitors.PostAsync(Acme, conversation.Id, new VisitorToken("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "hi"));
        wrongToken.Should().BeOfType<ConversationNotFoundException>();

        var otherWorkspace = await Catch(async () => await chat.Conversations.GetAsync(new WorkspaceId("other"), conversation.Id));
        otherWorkspace.Should().BeOfType<ConversationNotFoundException>("another workspace's conversation is reported as not found");

        var tooLong = await Catch(async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, new string('x', 100_000)));
        LiveChatException.CategoryOf(tooLong).Should().Be(LiveChatErrorCategory.Invalid);
        LiveChatErrorCategory.Invalid.ToHttpStatusCode().Should().Be(400);

        var handoff = await chat.Conversations.RequestAgentAsync(Acme, conversation.Id);
        handoff.Outcome.Should().Be(HandoffOutcome.Assigned);
        var owner = handoff.Conversation.AssignedAgentId!.Value;
        var other = owner == alice ? bob : alice;
        var forbidden = await Catch(async () => await chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, other, "not mine"));
        LiveChatException.CategoryOf(forbidden).Should().Be(LiveChatErrorCategory.Forbidden);
        LiveChatErrorCategory.Forbidden.ToHttpStatusCode().Should().Be(403);

        await chat.Conversations.EndAsync(Acme, conversation.Id, endedBy: owner);
        var conflict = await Catch(async () => await chat.Visitors.PostAsync(Acme, conversation.Id, token, "hello?"));
        conflict.Should().BeOfType<ConversationEndedException>();
        LiveChatException.CategoryOf(conflict).Should().Be(LiveChatErrorCategory.Conflict);
        LiveChatErrorCategory.Conflict.ToHttpStatusCode().Should().Be(409);
        LiveChatErrorCategory.Unavailable.ToHttpStatusCode().Should().Be(503);

        foreach (var e in new[] { notFound, wrongToken, otherWorkspace, tooLong, forbidden, conflict })
            e.Message.Should().NotContain(token.Value, "no message contains a visitor token");

        LiveChatException.CategoryOf(new OperationCanceledException()).Should().BeNull();
        LiveChatException.CategoryOf(new ArgumentNullException("x")).Should().Be(LiveChatErrorCategory.Invalid);
        ((Action)(() => ((LiveChatErrorCategory)99).ToHttpStatusCode())).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Events_CarryViews_NoTokenHashNoOfferTokenExceptOffered()
    {
        await using var host = Harness.Build(configure: o =>
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.OfferTimeout = TimeSpan.FromMinutes(5);
        });
        var chat = host.Chat;
        var alice = new AgentId("alice");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(alice, "Alice", 2));
        await chat.Agents.SetStatusAsync(Acme, alice, AgentStatus.Online);
        await chat.Agents.HeartbeatAsync(Acme, alice);

        await using var subscription = chat.Events.Subscribe(Acme);
        var (conversation, token) = await chat.Conversations.StartAsync(Acme, new StartConversationRequest { VisitorName = "<script>alert(1)</script>" });
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "<img src=x onerror=alert(1)>");
        var handoff = await chat.Visitors.RequestAgentAsync(Acme, conversation.Id, token);
        handoff.Should().Be(HandoffOutcome.Offered);
        var offer = (await chat.Conversations.GetAsync(Acme, conversation.Id)).Routing!.Offer!;
        await chat.Conversations.AcceptOfferAsync(Acme, conversation.Id, alice, offer.Token);
        await chat.Conversations.PostAgentMessageAsync(Acme, conversation.Id, alice, "Hi");
        await chat.Conversations.EndAsync(Acme, conversation.Id, alice);

        var stored = await chat.Conversations.GetAsync(Acme, conversation.Id);
        var hash = stored.VisitorTokenHash;
        hash.Should().NotBeNullOrEmpty();

        (await Harness.Eventually(() => host.Publisher.Events.OfType<ConversationStateChanged>().Any(e => e.Conversation.State == ConversationState.Ended)))
            .Should().BeTrue();
        var events = host.Publisher.Events.ToList();
        events.Should().NotBeEmpty();
        foreach (var e in events)
        {
            var json = JsonSerializer.Serialize(e, e.GetType());
            json.Should().NotContain(hash, $"{e.GetType().Name} must not carry the token hash");
            json.Should().NotContain(token.Value);
            e.ToString().Should().NotContain(hash);
            if (e is AgentNotification n && n.Kind != AgentNotificationKind.Offered)
                n.Offer.Should().BeNull($"only Offered carries the offer token, not {n.Kind}");
            if (e is not AgentNotification)
                json.Should().NotContain("\"Token\"", $"{e.GetType().Name} must not carry an offer fencing token");
        }
        events.OfType<AgentNotification>().Should().Contain(n => n.Kind == AgentNotificationKind.Offered && n.Offer != null && n.Offer.Token == offer.Token);
        events.OfType<MessagePosted>().Should().Contain(m => m.Message.Text == "<img src=x onerror=alert(1)>", "markup kept as given");

        // The hub subscription gets the same kind of views.
        var fromHub = new List<LiveChatEvent>();
        while (subscription.Reader.TryRead(out var ev)) fromHub.Add(ev);
        fromHub.Should().NotBeEmpty();
        fromHub.Select(ev => JsonSerializer.Serialize(ev, ev.GetType())).Should().NotContain(j => j.Contains(hash));
    }

    [Fact]
    public async Task ConversationView_ToVisitorView_HasNoAgentOnlyData()
    {
        await using var host = Harness.Build();
        var (conversation, token) = await host.Chat.Conversations.StartAsync(Acme, new StartConversationRequest { VisitorName = "Jan" });
        (await Harness.Eventually(() => host.Publisher.Events.OfType<ConversationStarted>().Any())).Should().BeTrue();
        var started = host.Publisher.Events.OfType<ConversationStarted>().Single();
        started.Conversation.Id.Should().Be(conversation.Id);
        var visitorView = started.Conversation.ToVisitorView();
        var json = JsonSerializer.Serialize(visitorView);
        json.Should().NotContain(conversation.VisitorTokenHash);
        json.Should().NotContain("Jan", "the visitor view does not name the visitor as the agents know them");
    }
}
