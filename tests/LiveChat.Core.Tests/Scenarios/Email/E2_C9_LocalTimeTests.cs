using System.Collections.Immutable;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;

namespace LiveChat.Core.Tests.Scenarios.Email;

/// <summary>
/// E2, E5, C9 (seeds 001, 002): times shown to a person are in the workspace's (or channel's) time zone, with the
/// offset of each moment, so a chat across the spring clock change reads right; templates receive dates they format;
/// the CRM's chat entry carries the end time.
/// </summary>
public sealed class E2_C9_LocalTimeTests
{
    private static readonly DateTimeOffset BeforeTheChange = new(2026, 3, 28, 23, 55, 0, TimeSpan.Zero);

    [Fact]
    public async Task AFrenchTranscriptAcrossTheSpringClockChange_ReadsInParisTime_EachMomentWithItsOffset()
    {
        await using var s = new EmailScenario(start: BeforeTheChange);
        Configure(s, timeZone: "Europe/Paris");
        var (started, agent) = await s.AssignedWithAddressAsync("lea@example.fr", "Livrez-vous à Lyon ?");
        var id = started.Conversation.Id;
        await s.AdvanceAsync(TimeSpan.FromMinutes(70));
        await s.Chat.Conversations.PostAgentMessageAsync(s.Workspace, id, agent, "Oui, demain.");
        await s.Chat.Conversations.EndAsync(s.Workspace, id, agent);

        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, id, started.VisitorToken);
        await s.SettleAsync();

        var mail = s.Sent.Should().ContainSingle(m => m.Subject.Contains("Votre conversation")).Which;
        mail.TextBody.Should().Contain("Début: 2026-03-29 00:55 (UTC+01:00)").And.Contain("Fin: 2026-03-29 03:05 (UTC+02:00)")
            .And.Contain("[03:05]").And.NotContain("23:55").And.NotContain("UTC\n");
        mail.HtmlBody.Should().Contain("Début: 2026-03-29 00:55 (UTC&#x2B;01:00)").And.Contain("<td>03:05</td>").And.NotContain("23:55");

        var contact = await s.Chat.Identity.FindByConversationAsync(s.Workspace, id);
        var chat = (await s.Chat.Crm.Gateway.ListActivitiesAsync(s.Workspace, contact!.CrmRecord!.Value, CrmActivityType.Chat)).Should().ContainSingle().Subject;
        chat.OccurredAt.Should().Be(BeforeTheChange);
        chat.EndedAt.Should().Be(BeforeTheChange.AddMinutes(70), "seed 001 lists a chat's start and end");
        chat.Transcript.Should().Contain("Début: 2026-03-29 00:55:00 UTC+01:00").And.Contain("Fin:   2026-03-29 03:05:00 UTC+02:00")
            .And.Contain("(conseiller)", "the agents read the CRM copy in the workspace's language too").And.NotContain("Started");
    }

    [Fact]
    public async Task AChannelsOwnTimeZone_OverridesTheWorkspaces_AndAHostTemplateFormatsTheDatesItself()
    {
        await using var s = new EmailScenario(start: BeforeTheChange);
        Configure(s, timeZone: "Europe/Paris", channelZones: ("webchat-us", "America/New_York"));
        s.Chat.Email.RegisterTemplate(EmailKind.Transcript, "fr", new EmailTemplate(
            "Transcription", "<p>{{ started_at | date: \"%d/%m/%Y %Hh%M\" }}</p>", "{{ started_at | date: \"%d/%m/%Y %Hh%M %z\" }}"), s.Workspace);
        var us = await s.Chat.Conversations.StartAsync(s.Workspace, new Conversations.StartConversationRequest { Channel = "webchat-us" });

        await s.Chat.Visitors.SendTranscriptAsync(s.Workspace, us.Conversation.Id, us.VisitorToken, "sam@example.com");
        await s.SettleAsync();

        s.Chat.Email.TimeZoneFor(s.Workspace, "webchat-us").Id.Should().Be("America/New_York");
        s.Sent.Should().ContainSingle().Which.TextBody.Should().Be("28/03/2026 19h55 -0400");
    }

    [Fact]
    public async Task AnUnknownTimeZone_IsRefused_AndTheSettingsStayAsTheyWere()
    {
        await using var s = new EmailScenario(start: BeforeTheChange);
        Configure(s, timeZone: "Europe/Paris");

        var configure = () => Configure(s, timeZone: "Mars/Olympus_Mons");

        configure.Should().Throw<ArgumentException>().WithMessage("*Mars/Olympus_Mons*");
        s.Chat.Email.GetSettings(s.Workspace).TimeZone.Should().Be("Europe/Paris");
        s.Chat.Email.TimeZoneFor(s.Workspace, "webchat").BaseUtcOffset.Should().Be(TimeSpan.FromHours(1));
    }

    private static void Configure(EmailScenario s, string timeZone, params (string Channel, string Zone)[] channelZones)
        => s.Chat.Email.Configure(s.Workspace, s.Chat.Email.GetSettings(s.Workspace) with
        {
            DefaultLanguage = "fr",
            TimeZone = timeZone,
            ChannelTimeZones = channelZones.ToImmutableDictionary(c => c.Channel, c => c.Zone),
        });
}
