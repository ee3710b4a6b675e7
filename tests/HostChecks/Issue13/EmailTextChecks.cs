using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;
using Xunit;

namespace LiveChat.Issue13.Checks;

/// <summary>A chat across the spring clock change in Europe: 23:55 UTC on 28 March to 01:05 UTC on 29 March 2026
/// (Paris and Prague go from UTC+1 to UTC+2 at 01:00 UTC on 29 March).</summary>
internal static class DstChat
{
    public static readonly DateTimeOffset Start = new(2026, 3, 28, 23, 55, 0, TimeSpan.Zero);

    public static async Task<(TestHost host, ConversationId conv, VisitorToken token, AgentId agent)> RunAsync(
        string language, Action<TestHost>? configure = null, string? channel = null, bool end = true, bool playbook = false)
    {
        var host = TestHost.Create(start: Start);
        host.ConfigureEmail(language, "https://acme.example/chat/{conversation}");
        configure?.Invoke(host);
        if (playbook)
            await host.Chat.Playbooks.PublishAsync(host.Ws, new Playbook
            {
                Id = "pb", Version = 1, Language = language, StartCardId = "hello",
                Cards = [new MessageCard { Id = "hello", Text = "…", Next = "chat" }, new LiveChatCard { Id = "chat", OfflineFlow = "off" },
                         new OfflineFlowCard { Id = "off", Next = "bye" }, new EndCard { Id = "bye", Text = "…" }],
            });
        var agent = await host.AgentAsync("alice");
        var (conv, token) = await host.StartAsync(channel);
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Q1?");
        if (conv.State != ConversationState.Assigned && (await host.Chat.Conversations.GetAsync(host.Ws, conv.Id)).AssignedAgentId is null)
            await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, agent);
        host.Time.Advance(TimeSpan.FromMinutes(30)); // 00:25 UTC
        await host.Chat.Conversations.PostAgentMessageAsync(host.Ws, conv.Id, agent, "A1.");
        host.Time.Advance(TimeSpan.FromMinutes(40)); // 01:05 UTC, after the change
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Q2?");
        if (end) await host.Chat.Conversations.EndAsync(host.Ws, conv.Id, agent);
        return (host, conv.Id, token, agent);
    }

    public static async Task<EmailMessage> TranscriptAsync(TestHost host, ConversationId conv, VisitorToken token, string email = "visitor@example.org")
    {
        var delivery = await host.Chat.Visitors.SendTranscriptAsync(host.Ws, conv, token, email);
        return delivery.Message;
    }

    /// <summary>
    /// A visitor who left an address, one agent reply left unread, then the page is closed (E4). No clock moves, so
    /// the one-minute unread timer never fires and the page close is what sends the e-mail.
    /// </summary>
    public static async Task<(TestHost host, ConversationId conv, EmailDelivery? delivery)> UnreadReplyAsync(string language,
        Action<TestHost>? configure = null)
    {
        var host = TestHost.Create(start: Start);
        host.ConfigureEmail(language, "https://acme.example/chat/{conversation}");
        configure?.Invoke(host);
        var agent = await host.AgentAsync("alice");
        var (conv, token) = await host.StartAsync();
        await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Email = "v@example.org" });
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Q1?");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, agent);
        await host.Chat.Conversations.PostAgentMessageAsync(host.Ws, conv.Id, agent, "Reply!");
        await host.Chat.Email.DispatchDueAsync(); // waits for a pass in flight, then delivers what is due
        var delivery = await host.Chat.Visitors.PageClosedAsync(host.Ws, conv.Id, token);
        return (host, conv.Id, delivery);
    }

    /// <summary>Sets a writable property found by name on an immutable settings object (API not known yet).</summary>
    public static T? WithProperty<T>(T settings, string[] names, object value) where T : class
    {
        var prop = typeof(T).GetProperties().FirstOrDefault(p => names.Contains(p.Name) && p.CanWrite);
        if (prop is null) return null;
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(settings, null)!;
        object converted = prop.PropertyType == typeof(TimeZoneInfo) ? TimeZoneInfo.FindSystemTimeZoneById((string)value) : value;
        prop.SetValue(clone, converted);
        return clone;
    }
}

// Fault 7 (seed 001, seed 002, E2, E5, C9): local time.
public class LocalTimeChecks
{
    [Fact]
    public async Task Times_reach_templates_as_values_that_the_template_formats()
    {
        var (host, conv, token, _) = await DstChat.RunAsync("en");
        await using var _h = host;
        host.Chat.Email.RegisterTemplate(EmailKind.Transcript, "en", new EmailTemplate(
            "T",
            "<p>{{ started_at | date: '%Y/%m/%d %H.%M' }}</p>",
            "S={{ started_at | date: '%Y/%m/%d %H.%M' }};E={{ ended_at | date: '%H.%M' }};{% for m in messages %}M={{ m.sent_at | date: '%H.%M' }};{% endfor %}"),
            host.Ws);

        var mail = await DstChat.TranscriptAsync(host, conv, token);

        // No time zone configured: UTC values, formatted by the template's own pattern.
        mail.TextBody.Should().Contain("S=2026/03/28 23.55;").And.Contain("E=01.05;").And.Contain("M=00.25;");
    }

    [Fact]
    public async Task Workspace_time_zone_renders_transcript_email_in_local_time_across_the_spring_change()
    {
        var (host, conv, token, _) = await DstChat.RunAsync("fr", h =>
        {
            var s = DstChat.WithProperty(h.Chat.Email.GetSettings(h.Ws), ["TimeZone", "TimeZoneId"], "Europe/Paris");
            s.Should().NotBeNull("EmailSettings has a per-workspace time zone (TimeZone or TimeZoneId)");
            h.Chat.Email.Configure(h.Ws, s!);
        });
        await using var _h = host;

        var mail = await DstChat.TranscriptAsync(host, conv, token);

        mail.TextBody.Should().NotContain("23:55 UTC").And.NotContain("2026-03-28 23:55");
        mail.TextBody.Should().Contain("00:55", "start 23:55 UTC is 00:55 in Paris (UTC+1)");
        mail.TextBody.Should().Contain("03:05", "end 01:05 UTC is 03:05 in Paris (UTC+2, after the change)");
        mail.TextBody.Should().Contain("01:25", "the agent's message at 00:25 UTC is 01:25 in Paris (UTC+1)");
    }

    [Fact]
    public async Task Workspace_time_zone_renders_unread_reply_email_in_local_time()
    {
        var (host, _, delivery) = await DstChat.UnreadReplyAsync("de", h =>
        {
            var s = DstChat.WithProperty(h.Chat.Email.GetSettings(h.Ws), ["TimeZone", "TimeZoneId"], "Europe/Berlin");
            s.Should().NotBeNull("EmailSettings has a per-workspace time zone (TimeZone or TimeZoneId)");
            h.Chat.Email.Configure(h.Ws, s!);
        });
        await using var _h = host;

        delivery.Should().NotBeNull();
        delivery!.Message.TextBody.Should().Contain("00:55", "the reply at 23:55 UTC is 00:55 in Berlin").And.NotContain("23:55");
    }

    [Fact]
    public async Task Channel_time_zone_overrides_the_workspace_one()
    {
        var (host, conv, token, _) = await DstChat.RunAsync("cs", h =>
        {
            var s = h.Chat.Email.GetSettings(h.Ws);
            s = DstChat.WithProperty(s, ["TimeZone", "TimeZoneId"], "America/New_York");
            s.Should().NotBeNull("EmailSettings has a per-workspace time zone");
            var channelProp = typeof(EmailSettings).GetProperties().FirstOrDefault(p => p.Name is "ChannelTimeZones" or "ChannelTimeZoneIds");
            channelProp.Should().NotBeNull("a time zone per channel, as languages are per channel (ChannelTimeZones)");
            var clone = (EmailSettings)typeof(EmailSettings).GetMethod("<Clone>$")!.Invoke(s, null)!;
            channelProp!.SetValue(clone, System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("webchat-cz", "Europe/Prague"));
            h.Chat.Email.Configure(h.Ws, clone);
        }, channel: "webchat-cz");
        await using var _h = host;

        var mail = await DstChat.TranscriptAsync(host, conv, token);

        mail.TextBody.Should().Contain("00:55").And.Contain("03:05");
        mail.TextBody.Should().NotContain("19:55", "New York time must not be used for this channel");
    }

    [Fact]
    public async Task Crm_chat_activity_carries_the_end_time()
    {
        await using var host = TestHost.Create(start: DstChat.Start);
        var alice = await host.AgentAsync("alice");
        var (conv, token) = await host.StartAsync();
        var r = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Name = "Vera", Email = "vera@example.cz" });
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "Dobrý den");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        host.Time.Advance(TimeSpan.FromMinutes(70));
        var ended = await host.Chat.Conversations.EndAsync(host.Ws, conv.Id, alice);
        await host.WhenChatCopiedAsync(r.Contact!.CrmRecord!.Value);

        var chats = await host.Chat.Crm.Gateway.ListActivitiesAsync(host.Ws, r.Contact!.CrmRecord!.Value, CrmActivityType.Chat);
        chats.Should().ContainSingle();
        var endProp = typeof(CrmActivity).GetProperties()
            .FirstOrDefault(p => (p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset?)) && p.Name.StartsWith("End"));
        endProp.Should().NotBeNull("seed 001 lists start and end of the chat in the activity feed (e.g. CrmActivity.EndedAt)");
        endProp!.GetValue(chats[0]).Should().Be(ended.EndedAt);
        chats[0].OccurredAt.Should().Be(DstChat.Start, "the start stays where it was");
    }
}

// Fault 8 (E5, C4): localized system texts in what visitors and agents read.
public class LocalizedSystemTextChecks
{
    public static TheoryData<string> NonEnglish => new() { "fr", "cs", "de", "es" };

    [Theory, MemberData(nameof(NonEnglish))]
    public async Task Transcript_email_has_no_english_system_texts(string language)
    {
        var (host, conv, token, _) = await DstChat.RunAsync(language);
        await using var _h = host;

        var mail = await DstChat.TranscriptAsync(host, conv, token);

        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            body.Should().NotContain("joined the conversation");
            body.Should().NotContain("ended the conversation");
            Regex.IsMatch(body, @"\bVisitor\b").Should().BeFalse($"the visitor is not called \"Visitor\" in a {language} e-mail");
            body.Should().Contain("ALICE", "the agent's name is data and stays as is");
        }
    }

    [Fact]
    public async Task English_transcript_email_still_reads_in_english_control()
    {
        var (host, conv, token, _) = await DstChat.RunAsync("en");
        await using var _h = host;
        var mail = await DstChat.TranscriptAsync(host, conv, token);
        mail.TextBody.Should().Contain("ALICE");
    }

    [Theory, MemberData(nameof(NonEnglish))]
    public async Task Agent_joined_system_message_is_in_the_conversation_language(string language)
    {
        var (host, conv, token, _) = await DstChat.RunAsync(language, end: false, playbook: true);
        await using var _h = host;

        var systemMessages = (await host.Chat.Visitors.GetMessagesAsync(host.Ws, conv, token))
            .Where(m => m.Sender.Kind == SenderKind.System).ToList();

        systemMessages.Should().Contain(m => m.SystemEvent == SystemEvent.AgentJoined);
        // Adapted from the outside testers' check: it refused the single word "conversation", which is French too, so
        // the product's correct "ALICE a rejoint la conversation." failed it. It now compares with the English
        // sentences themselves (the product's "en" texts for C4's system events).
        systemMessages.Should().AllSatisfy(m => m.Text.Should()
            .NotContainAny(["joined the conversation", "handed the conversation to", "The conversation has ended"])
            .And.NotMatchRegex(@"\bVisitor\b"));
    }

    [Theory, MemberData(nameof(NonEnglish))]
    public async Task Unread_reply_email_has_no_english_system_texts(string language)
    {
        var (host, conv, delivery) = await DstChat.UnreadReplyAsync(language);
        await using var _h = host;

        delivery.Should().NotBeNull();
        Regex.IsMatch(delivery!.Message.TextBody, @"\bVisitor\b").Should().BeFalse();
        delivery.Message.TextBody.Should().NotContain("joined the conversation");
    }
}

// Fault 11 (E4): one string form of every conversation id, the Guid's standard form with dashes.
public class ConversationIdFormChecks
{
    [Fact]
    public async Task Link_in_unread_reply_email_uses_the_ids_standard_form()
    {
        var (host, conv, delivery) = await DstChat.UnreadReplyAsync("en");
        await using var _h = host;
        delivery.Should().NotBeNull();

        var standard = conv.Value.ToString("D");
        delivery!.Message.TextBody.Should().Contain("https://acme.example/chat/" + standard);
        delivery.Message.HtmlBody.Should().Contain("https://acme.example/chat/" + standard);
        delivery.Message.TextBody.Should().NotContain(conv.Value.ToString("N"));
    }

    [Fact]
    public void ConversationId_ToString_is_the_standard_form_and_parses_back()
    {
        var id = new ConversationId(Guid.CreateVersion7());
        id.ToString().Should().Be(id.Value.ToString("D"));
        ConversationId.Parse(id.ToString()).Should().Be(id);
    }

    [Fact]
    public async Task Every_place_that_writes_the_id_writes_the_same_form()
    {
        await using var host = TestHost.Create();
        host.ConfigureEmail("en", "https://acme.example/c?id={conversation}&n={number}");
        var alice = await host.AgentAsync("alice");
        host.Chat.Email.RegisterTemplate(EmailKind.Transcript, "en",
            new EmailTemplate("T {{ conversation_id }}", "<p>{{ conversation_id }}|{{ link }}</p>", "ID={{ conversation_id }}|LINK={{ link }}"), host.Ws);
        var (conv, token) = await host.StartAsync();
        var r = await host.Chat.Visitors.SubmitContactFormAsync(host.Ws, conv.Id, token, new ContactForm { Name = "Kim", Email = "kim@example.org" });
        await host.Chat.Visitors.PostAsync(host.Ws, conv.Id, token, "hi");
        await host.Chat.Conversations.ClaimAsync(host.Ws, conv.Id, alice);
        await host.Chat.Conversations.EndAsync(host.Ws, conv.Id, alice);
        await host.WhenChatCopiedAsync(r.Contact!.CrmRecord!.Value);
        var standard = conv.Id.Value.ToString("D");

        var mail = await DstChat.TranscriptAsync(host, conv.Id, token);
        mail.TextBody.Should().Contain("ID=" + standard);
        if (mail.TextBody.Contains("LINK=https")) mail.TextBody.Should().Contain("id=" + standard);

        var chats = await host.Chat.Crm.Gateway.ListActivitiesAsync(host.Ws, r.Contact!.CrmRecord!.Value, CrmActivityType.Chat);
        chats.Should().ContainSingle().Which.TranscriptReference.Should().EndWith(standard);

        var hexRuns = Regex.Matches(mail.TextBody + mail.HtmlBody + mail.Subject, "[0-9a-f]{32}");
        hexRuns.Should().BeEmpty("no dash-less form of the id anywhere");
    }
}
