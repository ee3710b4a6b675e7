namespace LiveChat.Core.Email;

/// <summary>
/// What an <see cref="EmailDeliveryFailed"/> event tells about the e-mail that failed for good (feature E6): which one,
/// to whom and why, without the outbox's version or the e-mail's body. Read the whole entry with
/// <c>engine.Email.GetDeliveryAsync(Id)</c>. Immutable.
/// </summary>
/// <param name="Id">The outbox entry's id.</param>
/// <param name="Kind">Which e-mail it is.</param>
/// <param name="To">The recipient: the visitor's address for transcripts and replies.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="LastError">The last failure's message, if any.</param>
public sealed record FailedEmail(string Id, EmailKind Kind, EmailAddress To, string Subject, int Attempts, string? LastError)
{
    internal static FailedEmail From(EmailDelivery delivery)
        => new(delivery.Id, delivery.Kind, delivery.Message.To, delivery.Message.Subject, delivery.Attempts, delivery.LastError);
}
