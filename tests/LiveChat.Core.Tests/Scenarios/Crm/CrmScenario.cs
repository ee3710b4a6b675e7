using System.Collections.Immutable;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Crm;

/// <summary>Setups shared by the CRM scenarios of seed 001.</summary>
internal static class CrmScenario
{
    /// <summary>
    /// A conversation owned by <paramref name="agent"/> whose visitor left <paramref name="email"/> in the contact form
    /// while chat tracking is off for the website: the e-mail is known, yet no CRM record was made for it.
    /// </summary>
    public static async Task<StartedConversation> UntrackedWithEmailAsync(this LiveChatHarness h, AgentId agent, string email, IdentitySettings? settings = null)
    {
        var tracking = ImmutableDictionary<string, ChannelTracking>.Empty.Add("webchat", new ChannelTracking { EnableChatTracking = false });
        h.Chat.Identity.Configure(h.Workspace, (settings ?? IdentitySettings.Default) with { Channels = tracking });
        var started = await h.AssignedToAsync(agent);
        await h.Chat.Visitors.SubmitContactFormAsync(h.Workspace, started.Conversation.Id, started.VisitorToken, new ContactForm { Name = "Noor", Email = email });
        return started;
    }

    /// <summary>A playbook that files every new visitor at once: a lead, and a deal about it.</summary>
    public static Playbook LeadAndDealPlaybook() => new()
    {
        Id = "lead-and-deal",
        Version = 1,
        Language = "en",
        StartCardId = "actions",
        Timers = new PlaybookTimers { ContactFormAfterGreeting = null },
        Cards = [new FollowUpActionsCard { Id = "actions", Actions = [new CreateLeadAction(), new CreateDealAction { Title = "Website prospect" }] }],
    };
}
