using System.Collections.Immutable;
using LiveChat.Core.Playbooks;

namespace LiveChat.Core.Tests.Scenarios.Playbooks;

/// <summary>Playbooks in the style of the seeds: LeadBooster's live chat with its offline flow (000), Intercom's routing question (004).</summary>
public static class SeedPlaybooks
{
    /// <summary>
    /// greet → "are you a customer?" — customers: contact form, then live chat with support (offline: note to the CRM);
    /// prospects: "what brings you here?" — pricing: seats, qualified, tag + lead + deal, live chat with sales (offline:
    /// e-mail, activity); browsing: not qualified, redirected to the docs.
    /// </summary>
    public static Playbook Full(string language = "en", int version = 1) => new()
    {
        Id = "website",
        Version = version,
        Language = language,
        Appearance = new PlaybookAppearance { BotName = "Leo", PrimaryColor = "#0A7B83", TextColor = "#FFFFFF", Icon = "robot" },
        StartCardId = "greet",
        Cards =
        [
            new MessageCard { Id = "greet", Text = "Hi! I'm Leo.", Next = "route" },
            new RoutingQuestionCard { Id = "route", CustomerNext = "customer-form", ProspectNext = "need" },
            new ContactFormCard { Id = "customer-form", Next = "support-chat" },
            new LiveChatCard { Id = "support-chat", Team = "support", OfflineFlow = "support-offline" },
            new OfflineFlowCard { Id = "support-offline", Next = "support-note" },
            new FollowUpActionsCard { Id = "support-note", Actions = [new CreateActivityAction { Text = "Customer asked for support while nobody was online" }], Next = "bye" },
            new ChoiceQuestionCard
            {
                Id = "need",
                Text = "What brings you here?",
                Options = [new ChoiceOption("Pricing", "seats"), new ChoiceOption("Just browsing", "not-qualified")],
            },
            new FreeTextQuestionCard { Id = "seats", Text = "How many seats do you need?", Validation = AnswerValidation.Number, AnswerKey = "seats", Next = "qualified" },
            new QualificationCard { Id = "qualified", Qualified = true, Next = "sales-actions" },
            new FollowUpActionsCard
            {
                Id = "sales-actions",
                Actions = [new TagAction { Tag = "prospect" }, new CreateLeadAction(), new CreateDealAction { Title = "Website prospect" }],
                Next = "sales-chat",
            },
            new LiveChatCard { Id = "sales-chat", Team = "sales", Text = "Let me find someone from sales.", OfflineFlow = "sales-offline" },
            new OfflineFlowCard { Id = "sales-offline", Text = "Sales is offline right now.", Next = "offline-email" },
            new FreeTextQuestionCard { Id = "offline-email", Text = "What is your e-mail?", Validation = AnswerValidation.Email, AnswerKey = "email", Next = "offline-actions" },
            new FollowUpActionsCard
            {
                Id = "offline-actions",
                Actions = [new CreateActivityAction { Text = "Call back about pricing" }, new TagAction { Tag = "offline" }],
                Next = "bye",
            },
            new EndCard { Id = "bye", Text = "Thanks! We will get back to you." },
            new QualificationCard { Id = "not-qualified", Qualified = false, Next = "browse-end" },
            new EndCard { Id = "browse-end", Redirect = new ChannelRedirect(RedirectKind.Url, "https://example.com/docs") },
        ],
    };

    /// <summary>The smallest live-chat playbook: greeting, live-chat card, offline flow.</summary>
    public static Playbook LiveChatOnly(ImmutableArray<PlaybookCard>? extraOffline = null) => new()
    {
        Id = "live",
        Version = 1,
        Language = "en",
        StartCardId = "greet",
        Cards =
        [
            new MessageCard { Id = "greet", Text = "Hello!", Next = "chat" },
            new LiveChatCard { Id = "chat", OfflineFlow = "offline" },
            new OfflineFlowCard { Id = "offline", Next = "offline-end" },
            new EndCard { Id = "offline-end", Text = "We will write back." },
            .. extraOffline ?? [],
        ],
    };
}
