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
}
