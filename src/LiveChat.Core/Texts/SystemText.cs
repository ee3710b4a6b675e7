namespace LiveChat.Core.Texts;

/// <summary>
/// Every text the SDK itself shows a visitor or an agent, localized by <see cref="TextCatalog"/> in en, fr, cs, de and
/// es (features P2, C4, E5): the bot's texts, the system messages of routing and assignment, and the words of the
/// built-in e-mails. <c>{0}</c> and <c>{1}</c> are the values named in each key's description.
/// </summary>
public enum SystemText
{
    /// <summary>The routing question: "Are you already a customer?".</summary>
    RoutingQuestion = 0,

    /// <summary>The routing question's yes answer: "Yes, I'm a customer".</summary>
    RoutingYes = 1,

    /// <summary>The routing question's no answer: "No, not yet".</summary>
    RoutingNo = 2,

    /// <summary>The "introduce yourself" contact form invitation.</summary>
    ContactFormInvitation = 3,

    /// <summary>Thanks once the contact form is submitted.</summary>
    ContactFormThanks = 4,

    /// <summary>The transcript-by-e-mail offer after the end.</summary>
    TranscriptOffer = 5,

    /// <summary>A reply that is none of the offered answers.</summary>
    PickAnOption = 6,

    /// <summary>A reply that is not an e-mail address.</summary>
    InvalidEmail = 7,

    /// <summary>A reply that is not a phone number.</summary>
    InvalidPhone = 8,

    /// <summary>A reply that is not a number.</summary>
    InvalidNumber = 9,

    /// <summary>A reply typed while the bot waits for the contact form.</summary>
    PleaseUseTheForm = 10,

    /// <summary>The request waits for an agent: "Connecting you with an agent".</summary>
    ConnectingToAgent = 11,

    /// <summary>Nobody is available: the offline flow starts.</summary>
    NobodyAvailable = 12,

    /// <summary>Redirect to an e-mail address; <c>{0}</c> is the address.</summary>
    RedirectEmail = 13,

    /// <summary>Redirect to a web page; <c>{0}</c> is the URL.</summary>
    RedirectUrl = 14,

    /// <summary>Redirect to a phone number; <c>{0}</c> is the number.</summary>
    RedirectPhone = 15,

    /// <summary>An agent joined (feature C4); <c>{0}</c> is the agent's name.</summary>
    AgentJoined = 16,

    /// <summary>The conversation was handed over (feature C6); <c>{0}</c> is the previous agent, <c>{1}</c> the new one.</summary>
    Reassigned = 17,

    /// <summary>The conversation ended.</summary>
    ConversationEnded = 18,

    /// <summary>The agent went away and the conversation went back to the queue (feature R6).</summary>
    Requeued = 19,

    /// <summary>The name of a visitor who has not given theirs.</summary>
    Visitor = 20,

    /// <summary>The sender name of system messages.</summary>
    SystemSender = 21,

    /// <summary>The name label of a submitted contact form, shown to the agent.</summary>
    ContactName = 22,

    /// <summary>The e-mail label of a submitted contact form.</summary>
    ContactEmail = 23,

    /// <summary>The phone label of a submitted contact form.</summary>
    ContactPhone = 24,

    /// <summary>E-mails: "Conversation", before its number.</summary>
    EmailConversation = 25,

    /// <summary>E-mails: the label of the start time.</summary>
    EmailStarted = 26,

    /// <summary>E-mails: the label of the end time.</summary>
    EmailEnded = 27,

    /// <summary>The transcript e-mail's subject, a Liquid source that may name <c>conversation_number</c> and <c>workspace_name</c>.</summary>
    TranscriptSubject = 28,

    /// <summary>The transcript e-mail's first line.</summary>
    TranscriptIntro = 29,

    /// <summary>The unread-replies e-mail's subject, a Liquid source.</summary>
    UnreadSubject = 30,

    /// <summary>The unread-replies e-mail's first line.</summary>
    UnreadIntro = 31,

    /// <summary>The subject of the reply to a message left offline, a Liquid source.</summary>
    OfflineSubject = 32,

    /// <summary>The first line of the reply to a message left offline.</summary>
    OfflineIntro = 33,

    /// <summary>E-mails: the label of the visitor's question.</summary>
    YourQuestion = 34,

    /// <summary>E-mails: replies not shown, a Liquid source naming <c>more_replies</c>.</summary>
    MoreReplies = 35,

    /// <summary>E-mails: the link back to the conversation.</summary>
    ContinueConversation = 36,

    /// <summary>Transcripts: the label of the participants.</summary>
    Participants = 37,

    /// <summary>Transcripts: the end of a conversation that goes on.</summary>
    Ongoing = 38,

    /// <summary>The CRM's chat entry when the client wrote nothing.</summary>
    NoClientMessage = 39,

    /// <summary>Transcripts: the role of an agent among the participants.</summary>
    AgentRole = 40,

    /// <summary>Transcripts: the role of the bot among the participants.</summary>
    BotRole = 41,

    /// <summary>
    /// The CRM feed entry of a record filed from a conversation (seed 001: "added from chat"); <c>{0}</c> is the
    /// conversation number, <c>{1}</c> the channel.
    /// </summary>
    AddedFromChat = 42,

    /// <summary>
    /// The CRM feed entry of a lead chat tracking filed before the client was recognised ({0} the client's name, {1} its
    /// record id, {2} the conversation number); see <see cref="Crm.CrmActivityType.SamePersonAsClient"/>.
    /// </summary>
    LeadIsExistingClient = 43,

    /// <summary>
    /// The CRM feed entry of the client a chat lead turned out to be ({0} the lead's name, {1} its record id, {2} the
    /// conversation number); see <see cref="Crm.CrmActivityType.SamePersonAsClient"/>.
    /// </summary>
    ExistingClientHadLead = 44,
}
