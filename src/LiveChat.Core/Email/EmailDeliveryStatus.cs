namespace LiveChat.Core.Email;

/// <summary>Where an outbox entry is: Pending → Sending → Sent, or back to Pending for a retry, or Failed (feature E6).</summary>
public enum EmailDeliveryStatus
{
    /// <summary>Waiting for its first attempt or for a retry at <see cref="EmailDelivery.NextAttemptAt"/>.</summary>
    Pending = 0,

    /// <summary>A dispatcher claimed it and is sending; if it crashed, the entry is retried once its lease runs out.</summary>
    Sending = 1,

    /// <summary>The transport accepted it. Terminal.</summary>
    Sent = 2,

    /// <summary>Every attempt failed; see <see cref="EmailDelivery.LastError"/>. Terminal.</summary>
    Failed = 3,
}
