namespace LiveChat.Core.Crm;

/// <summary>The type of an activity-feed entry (feature I7).</summary>
public enum CrmActivityType
{
    /// <summary>A chat, with its transcript.</summary>
    Chat = 0,

    /// <summary>A note.</summary>
    Note = 1,

    /// <summary>A notification sent to the record's owner ("notify sales").</summary>
    OwnerNotification = 2,

    /// <summary>The record was added from a chat (seed 001): the entry names the channel and the conversation's number.</summary>
    AddedFromChat = 3,

    /// <summary>
    /// The record and another one the CRM holds are one person (seeds 001 and 003): a lead chat tracking filed from a channel
    /// handle, and the client whose e-mail or phone the same contact gave later. Both records get the entry, each naming
    /// the other, so sales can fold the lead into the client; later chats go to the client.
    /// </summary>
    SamePersonAsClient = 4,
}
