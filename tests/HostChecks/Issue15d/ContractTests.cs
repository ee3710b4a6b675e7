using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Xunit;

namespace Checks;

public class ContractTests
{
    static readonly WorkspaceId Acme = new("acme");
    static readonly AgentId Alice = new("alice");

    static T ParseVia<T>(string s) where T : IParsable<T> => T.Parse(s, CultureInfo.InvariantCulture);
    static T SpanParseVia<T>(string s) where T : ISpanParsable<T> => T.Parse(s.AsSpan(), CultureInfo.InvariantCulture);

    public record Dto(ConversationId Conversation, WorkspaceId Workspace, AgentId Agent, TeamId Team, ContactId Contact, CrmRecordId Record);

    [Fact]
    public void Ids_OneStringForm_ParseAndJsonRoundTrip()
    {
        var cid = new ConversationId(Guid.Parse("0190a8e4-7b1c-7d2e-9f00-123456789abc"));
        cid.ToString().Should().Be("0190a8e4-7b1c-7d2e-9f00-123456789abc");
        ParseVia<ConversationId>(cid.ToString()).Should().Be(cid);
        SpanParseVia<ConversationId>(cid.ToString()).Should().Be(cid);
        ConversationId.Parse(cid.ToString()).Should().Be(cid);
        ParseVia<WorkspaceId>("acme").Should().Be(Acme);
        SpanParseVia<AgentId>("alice").Should().Be(Alice);
        ParseVia<TeamId>("sales").Should().Be(new TeamId("sales"));

        var contact = ParseVia<ContactId>(Guid.NewGuid().ToString());
        var record = ParseVia<CrmRecordId>("lead-1");
        var dto = new Dto(cid, Acme, Alice, new TeamId("sales"), contact, record);
        var json = JsonSerializer.Serialize(dto);
        json.Should().Contain("\"Conversation\":\"0190a8e4-7b1c-7d2e-9f00-123456789abc\"");
        json.Should().Contain("\"Workspace\":\"acme\"").And.Contain("\"Agent\":\"alice\"").And.Contain("\"Team\":\"sales\"");
        json.Should().Contain($"\"Contact\":\"{contact}\"").And.Contain("\"Record\":\"lead-1\"");
        JsonSerializer.Deserialize<Dto>(json).Should().Be(dto);
        // as dictionary keys too
        var dict = new Dictionary<ConversationId, int> { [cid] = 1 };
        var dj = JsonSerializer.Serialize(dict);
        dj.Should().Be("{\"0190a8e4-7b1c-7d2e-9f00-123456789abc\":1}");
        JsonSerializer.Deserialize<Dictionary<ConversationId, int>>(dj)![cid].Should().Be(1);
    }

    [Theory]
    [InlineData("0190a8e47b1c7d2e9f00123456789abc")] // "N": not the one string form
    [InlineData("{0190a8e4-7b1c-7d2e-9f00-123456789abc}")]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void ConversationId_OtherForms_Refused(string text)
    {
        ConversationId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
        var act = () => ConversationId.Parse(text, CultureInfo.InvariantCulture);
        act.Should().Throw<FormatException>();
        var json = () => JsonSerializer.Deserialize<ConversationId>($"\"{text}\"");
        json.Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\0b")]
    public void WorkspaceId_BadText_Refused(string text)
    {
        WorkspaceId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
        ((Action)(() => WorkspaceId.Parse(text, CultureInfo.InvariantCulture))).Should().Throw<FormatException>();
        ((Action)(() => new WorkspaceId(text))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Ids_TooLong_Refused()
    {
        var s = new string('a', WorkspaceId.MaxLength + 1);
        ((Action)(() => new WorkspaceId(s))).Should().Throw<ArgumentException>();
        ((Action)(() => WorkspaceId.Parse(s, null))).Should().Throw<FormatException>();
        ((Action)(() => new AgentId(new string('a', AgentId.MaxLength + 1)))).Should().Throw<ArgumentException>();
        ((Action)(() => new TeamId(new string('a', 65)))).Should().Throw<ArgumentException>();
        new WorkspaceId(new string('a', WorkspaceId.MaxLength)).Value.Length.Should().Be(128);
    }

    [Fact]
    public async Task VisitorToken_Redacted_AndNeverInEvents()
    {
        var rec = new Recorder();
        await using var h = Host.Build(Fx.Clock(), SqliteDb.Fresh(), rec, configure: o => o.Routing.Mode = RoutingMode.Offer);
        await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
        await h.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
        var started = await h.Chat.Conversations.StartAsync(Acme);
        var (c, token) = started;
        token.ToString().Should().NotContain(token.Value);
        $"{token}".Should().NotContain(token.Value);
        started.ToString().Should().NotContain(token.Value, "a record's ToString prints its members");
        var session = await h.Chat.Visitors.AuthorizeAsync(Acme, c.Id, token);
        session.ToString().Should().NotContain(token.Value);
        await h.Chat.Visitors.PostAsync(Acme, c.Id, token, "hi");
        var handoff = await h.Chat.Conversations.RequestAgentAsync(Acme, c.Id);
        var offerToken = handoff.Conversation.Routing!.Offer!.Token;
        await h.Chat.Conversations.AcceptOfferAsync(Acme, c.Id, Alice, offerToken);
        await h.Chat.Conversations.EndAsync(Acme, c.Id, Alice);
        await Poll.Until(() => rec.Of<ConversationStateChanged>().Any(e => e.Conversation.State == ConversationState.Ended), "end published");
        var hash = c.VisitorTokenHash;
        hash.Should().NotBeNullOrEmpty();
        foreach (var e in rec.Events)
        {
            var text = e.ToString() + JsonSerializer.Serialize(e, e.GetType());
            text.Should().NotContain(hash, $"event {e.GetType().Name} must not carry the token hash");
            text.Should().NotContain(token.Value);
            if (e is AgentNotification { Kind: AgentNotificationKind.Offered }) continue; // documented exception
            text.Should().NotContain("\"Token\":", $"event {e.GetType().Name} must not carry an offer token");
            text.Should().NotContain("Token = ", $"event {e.GetType().Name} must not carry an offer token");
        }
    }

    [Fact]
    public async Task Exceptions_CarryCategory_MappableToHttp()
    {
        await using var h = Host.Build(Fx.Clock(), SqliteDb.Fresh(), new Recorder());
        var chat = h.Chat;
        var other = new WorkspaceId("globex");
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 1));
        await chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId("bob"), "Bob", 1));
        var (c, t) = await chat.Conversations.StartAsync(Acme);
        async Task<Exception> Catch(Func<Task> f) { try { await f(); } catch (Exception e) { return e; } throw new Xunit.Sdk.XunitException("no exception"); }
        var cases = new List<(string what, Exception e, LiveChatErrorCategory cat, int http)>
        {
            ("missing conversation", await Catch(async () => await chat.Conversations.GetAsync(Acme, new ConversationId(Guid.NewGuid()))), LiveChatErrorCategory.NotFound, 404),
            ("other workspace", await Catch(async () => await chat.Conversations.GetAsync(other, c.Id)), LiveChatErrorCategory.NotFound, 404),
            ("wrong token", await Catch(async () => await chat.Visitors.PostAsync(Acme, c.Id, new VisitorToken("bogus-token-value"), "x")), LiveChatErrorCategory.NotFound, 404),
            ("unknown agent", await Catch(async () => await chat.Agents.SetStatusAsync(Acme, new AgentId("zed"), AgentStatus.Online)), LiveChatErrorCategory.NotFound, 404),
            ("not assigned agent", await Catch(async () => await chat.Conversations.PostAgentMessageAsync(Acme, c.Id, Alice, "hi")), LiveChatErrorCategory.Forbidden, 403),
            ("too long", await Catch(async () => await chat.Visitors.PostAsync(Acme, c.Id, t, new string('x', 4001))), LiveChatErrorCategory.Invalid, 400),
            ("unknown team", await Catch(async () => await chat.Conversations.RequestAgentAsync(Acme, c.Id, RoutingTarget.ToTeam(new TeamId("nope")))), LiveChatErrorCategory.NotFound, 404),
        };
        await chat.Visitors.PostAsync(Acme, c.Id, t, "one", "k1");
        cases.Add(("idempotency conflict", await Catch(async () => await chat.Visitors.PostAsync(Acme, c.Id, t, "two", "k1")), LiveChatErrorCategory.Conflict, 409));
        await chat.Conversations.EndAsync(Acme, c.Id);
        cases.Add(("ended", await Catch(async () => await chat.Visitors.PostAsync(Acme, c.Id, t, "after end")), LiveChatErrorCategory.Conflict, 409));
        cases.Add(("no sender", await Catch(async () => await chat.Visitors.SendTranscriptAsync(Acme, c.Id, t, "lea@example.fr")), LiveChatErrorCategory.Invalid, 400));
        foreach (var (what, e, cat, http) in cases)
        {
            LiveChatException.CategoryOf(e).Should().Be(cat, $"{what}: {e.GetType().Name}: {e.Message}");
            LiveChatException.CategoryOf(e)!.Value.ToHttpStatusCode().Should().Be(http, what);
            e.Message.Should().NotContain(t.Value);
        }
        // every public exception type in the assembly has a category
        var types = typeof(LiveChatException).Assembly.GetExportedTypes().Where(x => typeof(Exception).IsAssignableFrom(x) && !x.IsAbstract).ToList();
        types.Should().OnlyContain(x => typeof(LiveChatException).IsAssignableFrom(x) || typeof(ArgumentException).IsAssignableFrom(x),
            "every SDK exception is a LiveChatException or an ArgumentException");
    }

    [Fact]
    public async Task ConversationLink_UsesTheOneStringForm()
    {
        var mail = new MailRecorder();
        var time = Fx.Clock();
        await using var h = Host.Build(time, SqliteDb.Fresh(), new Recorder(), mail);
        await h.Chat.Email.ConfigureAsync(Acme, new EmailSettings
        {
            Sender = EmailAddress.Create("support@acme.example", "Acme"),
            ConversationLinkTemplate = "https://acme.example/chat/{conversation}",
        });
        await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 2));
        await h.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
        var (c, t) = await h.Chat.Conversations.StartAsync(Acme);
        await h.Chat.Visitors.SubmitContactFormAsync(Acme, c.Id, t, new ContactForm { Name = "Lea", Email = "lea@example.fr" });
        await h.Chat.Conversations.ClaimAsync(Acme, c.Id, Alice);
        await h.Chat.Conversations.PostAgentMessageAsync(Acme, c.Id, Alice, "Reply");
        await h.Chat.Visitors.PageClosedAsync(Acme, c.Id, t);
        await Poll.Until(() => mail.Sent.Any(), "unread e-mail on page close");
        var m = mail.Sent.Single();
        m.TextBody.Should().Contain($"https://acme.example/chat/{c.Id}");
        m.TextBody.Should().NotContain(c.Id.Value.ToString("N"));
    }
}
