using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using Xunit;

namespace Checks;

public class HostileTests
{
    static readonly WorkspaceId Acme = new("acme");
    static readonly WorkspaceId Globex = new("globex");
    static readonly AgentId Alice = new("alice");

    // Built inside the test: theory data is serialized by the runner, which could mangle a lone surrogate.
    public static TheoryData<string> BadTexts => new() { "nul", "lone high surrogate", "lone low surrogate", "empty" };
    static string Text(string what) => what switch
    {
        "nul" => "hello\0world",
        "lone high surrogate" => "abc" + (char)0xD800 + "def",
        "lone low surrogate" => "abc" + (char)0xDC00,
        _ => "",
    };

    async Task<(Host h, Conversation c, VisitorToken t)> Setup(Db? db = null)
    {
        var h = Host.Build(Fx.Clock(), db ?? SqliteDb.Fresh(), new Recorder());
        await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(Alice, "Alice", 3));
        await h.Chat.Agents.SetStatusAsync(Acme, Alice, AgentStatus.Online);
        var (c, t) = await h.Chat.Conversations.StartAsync(Acme);
        return (h, c, t);
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task VisitorPost_BadText_RefusedWithArgumentException_NothingWritten(string what)
    {
        var text = Text(what);
        if (what.Contains("surrogate")) char.IsSurrogate(text, 3).Should().BeTrue();
        var (h, c, t) = await Setup();
        await using var _ = h;
        var before = await h.Chat.Conversations.GetAsync(Acme, c.Id);
        var act = async () => await h.Chat.Visitors.PostAsync(Acme, c.Id, t, text, "cm-1");
        var e = (await act.Should().ThrowAsync<ArgumentException>(what)).Which;
        LiveChatException.CategoryOf(e).Should().Be(LiveChatErrorCategory.Invalid);
        var after = await h.Chat.Conversations.GetAsync(Acme, c.Id);
        after.Version.Should().Be(before.Version);
        after.LastSequence.Should().Be(before.LastSequence);
        // the refused client message id is still free
        await h.Chat.Visitors.PostAsync(Acme, c.Id, t, "fine", "cm-1");
    }

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task AgentPost_Note_Name_BadText_Refused(string what)
    {
        var text = Text(what);
        var nameText = what == "empty" ? "\0" : text + "x";
        var (h, c, t) = await Setup();
        await using var _ = h;
        await h.Chat.Conversations.ClaimAsync(Acme, c.Id, Alice);
        var before = await h.Chat.Conversations.GetAsync(Acme, c.Id);
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.PostAgentMessageAsync(Acme, c.Id, Alice, text)).Should().ThrowAsync<ArgumentException>(what);
        await FluentActions.Awaiting(async () => await h.Chat.Details.AddNoteAsync(Acme, c.Id, Alice, text)).Should().ThrowAsync<ArgumentException>(what);
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.StartAsync(Acme, new StartConversationRequest { VisitorName = nameText })).Should().ThrowAsync<ArgumentException>(what);
        await FluentActions.Awaiting(async () => await h.Chat.Agents.RegisterAsync(Acme, new AgentRegistration(new AgentId("eve"), nameText))).Should().ThrowAsync<ArgumentException>(what);
        var after = await h.Chat.Conversations.GetAsync(Acme, c.Id);
        after.Version.Should().Be(before.Version);
        after.Details.Notes.Should().BeEmpty();
        (await h.Chat.Agents.ListAsync(Acme)).Should().HaveCount(1);
    }

    [Fact]
    public async Task Oversized_Message_RefusedSpecifically()
    {
        var (h, c, t) = await Setup();
        await using var _ = h;
        var act = async () => await h.Chat.Visitors.PostAsync(Acme, c.Id, t, new string('x', 4001));
        var e = (await act.Should().ThrowAsync<MessageTooLongException>()).Which;
        e.MaxLength.Should().Be(4000);
        e.Length.Should().Be(4001);
        await h.Chat.Visitors.PostAsync(Acme, c.Id, t, new string('x', 4000));
        var huge = async () => await h.Chat.Visitors.PostAsync(Acme, c.Id, t, new string('x', 5_000_000));
        await huge.Should().ThrowAsync<MessageTooLongException>();
        var longKey = async () => await h.Chat.Visitors.PostAsync(Acme, c.Id, t, "ok", new string('k', 129));
        await longKey.Should().ThrowAsync<ArgumentException>();
        (await h.Chat.Conversations.GetAsync(Acme, c.Id)).LastSequence.Should().Be(1);
    }

    [Fact]
    public async Task Markup_KeptExactly_AsText()
    {
        var (h, c, t) = await Setup();
        await using var _ = h;
        var evil = "<script>alert('x')</script><img src=x onerror=alert(1)> \u202Eevil & \"quotes\"";
        var (c2, t2) = await h.Chat.Conversations.StartAsync(Acme, new StartConversationRequest { VisitorName = "<b>Bob</b>" });
        var m = await h.Chat.Visitors.PostAsync(Acme, c2.Id, t2, evil);
        m.Text.Should().Be(evil);
        var stored = (await h.Chat.Conversations.GetMessagesAsync(Acme, c2.Id)).Last();
        stored.Text.Should().Be(evil);
        stored.Sender.DisplayName.Should().Be("<b>Bob</b>");
    }

    [Fact]
    public async Task OtherWorkspacesIds_NotFound_NothingChanged()
    {
        var db = SqliteDb.Fresh();
        var (h, c, t) = await Setup(db);
        await using var _ = h;
        await h.Chat.Agents.RegisterAsync(Globex, new AgentRegistration(new AgentId("mallory"), "Mallory", 3));
        await h.Chat.Agents.SetStatusAsync(Globex, new AgentId("mallory"), AgentStatus.Online);
        var before = await h.Chat.Conversations.GetAsync(Acme, c.Id);
        await FluentActions.Awaiting(async () => await h.Chat.Visitors.PostAsync(Globex, c.Id, t, "hi")).Should().ThrowAsync<ConversationNotFoundException>();
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.ClaimAsync(Globex, c.Id, new AgentId("mallory"))).Should().ThrowAsync<ConversationNotFoundException>();
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.ClaimAsync(Acme, c.Id, new AgentId("mallory"))).Should().ThrowAsync<AgentNotFoundException>();
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.AssignAsync(Acme, c.Id, new AgentId("mallory"))).Should().ThrowAsync<AgentNotFoundException>();
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.EndAsync(Globex, c.Id)).Should().ThrowAsync<ConversationNotFoundException>();
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.GetTranscriptAsync(Globex, c.Id)).Should().ThrowAsync<ConversationNotFoundException>();
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.GetMessagesAsync(Globex, c.Id)).Should().ThrowAsync<ConversationNotFoundException>();
        var page = await h.Chat.Inbox.ListAsync(Globex, new AgentId("mallory"), LiveChat.Core.Storage.InboxFolder.Unassigned);
        var counts = await h.Chat.Inbox.GetUnreadCountsAsync(Globex, new AgentId("mallory"), [c.Id]);
        counts.Should().NotContainKey(c.Id);
        var after = await h.Chat.Conversations.GetAsync(Acme, c.Id);
        after.Version.Should().Be(before.Version);
        after.State.Should().Be(before.State);
    }

    [Fact]
    public async Task Settings_HostileText_RefusedWithParamName_NothingSaved()
    {
        var db = SqliteDb.Fresh();
        await using var h = Host.Build(Fx.Clock(), db, new Recorder());
        var good = new EmailSettings { Sender = EmailAddress.Create("support@acme.example", "Acme"), WorkspaceName = "Acme" };
        await h.Chat.Email.ConfigureAsync(Acme, good);
        foreach (var bad in new[] { "Acme\r\nBcc: evil@x.example", "Acme\0", "Acme\uD800", "   ", new string('a', 100_000), "a\u2028b" })
        {
            var act = async () => await h.Chat.Email.ConfigureAsync(Acme, good with { WorkspaceName = bad });
            var e = (await act.Should().ThrowAsync<ArgumentException>()).Which;
            e.ParamName.Should().NotBeNullOrEmpty().And.Contain("WorkspaceName");
        }
        (await h.Chat.Email.GetSettingsAsync(Acme)).WorkspaceName.Should().Be("Acme");
        await using var h2 = Host.Build(Fx.Clock(), db, new Recorder());
        // the host above still runs; a second one over the file reads the same
        (await h2.Chat.Email.GetSettingsAsync(Acme)).WorkspaceName.Should().Be("Acme");
        var badTz = async () => await h.Chat.Email.ConfigureAsync(Acme, good with { TimeZone = "Mars/Olympus" });
        await badTz.Should().ThrowAsync<ArgumentException>();
        var badAddr = () => EmailAddress.Create("not an address", "x");
        badAddr.Should().Throw<InvalidEmailAddressException>();
    }

    [Fact]
    public async Task Playbook_HostileOrBroken_RefusedWholly_NothingPublished()
    {
        await using var h = Host.Build(Fx.Clock(), SqliteDb.Fresh(), new Recorder());
        var pb = new Playbook
        {
            Id = "web", Version = 1, Language = "en", StartCardId = "greet",
            Cards = [new MessageCard { Id = "greet", Text = "Hi\0there", Next = "bye" }, new EndCard { Id = "bye", Text = "Bye" }],
        };
        await FluentActions.Awaiting(async () => await h.Chat.Playbooks.PublishAsync(Acme, pb)).Should().ThrowAsync<ArgumentException>();
        var dangling = pb with { Cards = [new MessageCard { Id = "greet", Text = "Hi", Next = "nowhere" }] };
        var e = (await FluentActions.Awaiting(async () => await h.Chat.Playbooks.PublishAsync(Acme, dangling)).Should().ThrowAsync<PlaybookValidationException>()).Which;
        e.Defects.Should().Contain(d => d.Kind == PlaybookDefectKind.DanglingTarget);
        var bad = () => PlaybookJson.Deserialize("{ \"schemaVersion\": 1, \"cards\": [ ");
        bad.Should().Throw<PlaybookValidationException>().Which.Defects.Should().Contain(d => d.Kind == PlaybookDefectKind.MalformedJson);
        (await h.Chat.Playbooks.GetActiveAsync(Acme)).Should().BeNull();
    }

    [Fact]
    public async Task DefaultStructs_Refused()
    {
        await using var h = Host.Build(Fx.Clock(), SqliteDb.Fresh(), new Recorder());
        await FluentActions.Awaiting(async () => await h.Chat.Conversations.StartAsync(default)).Should().ThrowAsync<ArgumentException>();
        var (c, t) = await h.Chat.Conversations.StartAsync(Acme);
        await FluentActions.Awaiting(async () => await h.Chat.Visitors.PostAsync(Acme, default, t, "x")).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(async () => await h.Chat.Visitors.PostAsync(Acme, c.Id, default, "x")).Should().ThrowAsync<ArgumentException>();
        (await h.Chat.Conversations.GetAsync(Acme, c.Id)).LastSequence.Should().Be(0);
    }

    [Fact]
    public async Task ContactForm_HostileValues_RefusedBeforeAnything()
    {
        var (h, c, t) = await Setup();
        await using var _ = h;
        var before = await h.Chat.Conversations.GetAsync(Acme, c.Id);
        await FluentActions.Awaiting(async () => await h.Chat.Visitors.SubmitContactFormAsync(Acme, c.Id, t, new ContactForm { Name = "Lea\0", Email = "lea@example.fr" }))
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(async () => await h.Chat.Visitors.SubmitContactFormAsync(Acme, c.Id, t, new ContactForm { Name = "Lea", Email = "lea\uD800@example.fr" }))
            .Should().ThrowAsync<ArgumentException>();
        var after = await h.Chat.Conversations.GetAsync(Acme, c.Id);
        after.Version.Should().Be(before.Version);
        after.VisitorName.Should().Be(before.VisitorName);
        (await h.Chat.Email.GetRecipientAsync(Acme, c.Id)).Should().BeNull();
    }
}
