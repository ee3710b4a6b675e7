using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Conversations;

/// <content>The visitor's contact forms and e-mails (features E1–E4).</content>
public sealed partial class VisitorService
{
    /// <summary>
    /// The visitor submits a contact form: "introduce yourself" (feature E1), or "leave your contacts" when nobody is
    /// available (feature E3). The data goes through identity resolution (a new lead, or missing fields added to the
    /// client found), the agent sees it in the chat as a <see cref="SystemEvent.ContactFormSubmitted"/> message, the
    /// name becomes the visitor's name, and agent replies the visitor does not read are e-mailed to the address. A playbook
    /// waiting on its contact-form card moves on, and its timed form is no longer shown (feature P7).
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="token">The visitor's token.</param>
    /// <param name="form">What the visitor typed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The identity resolution's result as the visitor may see it: the matched contact passes the same proof filter as
    /// <see cref="IdentityService.GetVisitorHistoryAsync"/>, so a typed address never hands back someone else's name, phone
    /// or conversations. A malformed e-mail or phone beside a valid field is reported in
    /// <see cref="IdentifyResult.IgnoredValues"/> with its raw text, and the valid fields are kept.
    /// </returns>
    /// <exception cref="ArgumentException">The form is empty, or a field is too long.</exception>
    /// <exception cref="InvalidEmailAddressException">The form holds nothing valid, and its e-mail address is malformed.</exception>
    /// <exception cref="InvalidIdentifierException">The form holds nothing valid, and its phone number cannot be parsed.</exception>
    /// <exception cref="ConversationNotFoundException">No such conversation, or the token is not its visitor's.</exception>
    public ValueTask<IdentifyResult> SubmitContactFormAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, ContactForm form, CancellationToken cancellationToken = default)
    {
        var credential = VisitorCredential.Of(token);
        if (_port.Remote is not { } port)
        {
            return SubmitContactFormHereAsync(workspace, conversationId, credential, form, cancellationToken);
        }

        CheckedForm(form);
        ConversationPortRef.CheckIds(workspace, conversationId);
        return port.SubmitContactFormAsync(workspace, conversationId, credential.Hash, form, cancellationToken);
    }

    internal async ValueTask<IdentifyResult> SubmitContactFormHereAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, ContactForm form, CancellationToken cancellationToken)
    {
        var (name, email, phone) = CheckedForm(form);
        var conversation = await LoadAuthorizedAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false);

        // One bad optional field is set aside with its raw text; it never discards the valid ones. Only a form with nothing
        // valid at all is refused, with the specific exception of its bad field.
        var ignored = ImmutableArray.CreateBuilder<IgnoredValue>();
        var address = string.IsNullOrEmpty(email) ? (EmailAddress?)null : CheckedEmail(email, name, ignored);
        var settings = _identity.GetSettings(workspace);
        if (!string.IsNullOrEmpty(phone) && !IdentityRules.IsPlaceholder(phone, settings)
            && !ContactIdentifier.TryPhone(phone, settings.For(conversation.Channel).DefaultRegion ?? settings.DefaultRegion, out _))
        {
            ignored.Add(new IgnoredValue("phone", form.Phone!, "not a possible phone number"));
            phone = null;
        }

        if (name is null && address is null && string.IsNullOrEmpty(phone))
        {
            _ = string.IsNullOrEmpty(email) ? default : EmailAddress.Create(email);
            throw new InvalidIdentifierException(IdentifierKind.Phone, "is not a possible phone number");
        }

        var identified = await _identity.IdentifyAsync(
            workspace,
            new IdentifyRequest { ConversationId = conversationId, Name = name, Email = address?.Address, Phone = phone },
            cancellationToken).ConfigureAwait(false);
        identified = IdentityService.VisibleToVisitor(identified, conversationId) with { IgnoredValues = [.. ignored, .. identified.IgnoredValues] };
        name = identified.IgnoredValues.Any(v => v.Field == "name") ? null : name;

        var summary = ContactSummary(conversation, name, address?.Address, phone);
        var offline = conversation.State == ConversationState.Offline;
        conversation = await _commands.ChangeAsync(workspace, conversationId, c => new ConversationCommands.Change(
            c with { VisitorName = name ?? c.VisitorName },
            [_commands.SystemMessage(c, SystemEvent.ContactFormSubmitted, summary)]), cancellationToken).ConfigureAwait(false);
        if (address is { } to)
        {
            await _email.SaveRecipientAsync(conversation, to, offline, cancellationToken).ConfigureAwait(false);
        }

        await _commands.ReactAsync(new Flow.ContactFormSubmittedEvent(conversation), cancellationToken).ConfigureAwait(false);

        return identified;
    }

    /// <summary>A contact form's checks that need no store: the cleaned name, the trimmed e-mail and phone texts.</summary>
    private static (string? Name, string? Email, string? Phone) CheckedForm(ContactForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var name = EmailAddress.CleanDisplayName(Guard.OptionalText(form.Name, 200, nameof(form.Name)));
        var email = Guard.OptionalText(form.Email, ContactIdentifier.MaxLength, nameof(form.Email))?.Trim();
        var phone = Guard.OptionalText(form.Phone, 64, nameof(form.Phone))?.Trim();
        return name is null && string.IsNullOrEmpty(email) && string.IsNullOrEmpty(phone)
            ? throw new ArgumentException("A contact form needs a name, an e-mail address or a phone number.", nameof(form))
            : (name, email, phone);
    }

    private static EmailAddress? CheckedEmail(string email, string? name, ImmutableArray<IgnoredValue>.Builder ignored)
    {
        var problem = EmailAddress.Check(email, out _);
        if (problem is null)
        {
            return EmailAddress.Create(email, name);
        }

        ignored.Add(new IgnoredValue("email", email, $"not an e-mail address: it {problem}"));
        return null;
    }

    /// <summary>
    /// E-mails the conversation's transcript to the visitor, from the workspace's admin address (feature E2). The visitor
    /// may ask at any time, during the conversation or after it ended. The e-mail is enqueued in the outbox; query its
    /// delivery with <see cref="EmailService.GetDeliveryAsync"/>.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="token">The visitor's token.</param>
    /// <param name="email">The address to send to; <see langword="null"/> uses the one the visitor left before.</param>
    /// <param name="clientRequestId">An idempotency key: a retry with the same key enqueues nothing new.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outbox entry.</returns>
    /// <exception cref="InvalidEmailAddressException">The address is malformed.</exception>
    /// <exception cref="NoEmailAddressException">No address was given and the visitor left none.</exception>
    /// <exception cref="EmailSenderNotConfiguredException">The workspace has no sender address.</exception>
    /// <exception cref="ConversationNotFoundException">No such conversation, or the token is not its visitor's.</exception>
    public ValueTask<EmailDelivery> SendTranscriptAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, string? email = null, string? clientRequestId = null, CancellationToken cancellationToken = default)
    {
        var credential = VisitorCredential.Of(token);
        if (_port.Remote is not { } port)
        {
            return SendTranscriptHereAsync(workspace, conversationId, credential, email, clientRequestId, cancellationToken);
        }

        _ = email is null ? (EmailAddress?)null : EmailAddress.Create(email);
        Guard.OptionalText(clientRequestId, 128);
        ConversationPortRef.CheckIds(workspace, conversationId);
        return port.SendTranscriptAsync(workspace, conversationId, credential.Hash, email, clientRequestId, cancellationToken);
    }

    internal async ValueTask<EmailDelivery> SendTranscriptHereAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, string? email, string? clientRequestId, CancellationToken cancellationToken)
    {
        var given = email is null ? (EmailAddress?)null : EmailAddress.Create(email);
        Guard.OptionalText(clientRequestId, 128);
        var conversation = await LoadAuthorizedAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false);
        var recipient = await _email.Store.FindRecipientAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        var to = given is { } address
            ? EmailAddress.Create(address.Address, VisitorDisplayName(conversation))
            : recipient?.Address ?? throw new NoEmailAddressException(conversationId);
        _email.SenderFor(workspace);
        if (recipient is null)
        {
            // The seed's transcript form is also how a visitor leaves an address: later replies reach it too.
            await _email.SaveRecipientAsync(conversation, to, leftWhileOffline: false, cancellationToken).ConfigureAwait(false);
        }

        var transcript = await _conversations.GetTranscriptAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        var key = clientRequestId is null
            ? Guid.CreateVersion7(_commands.Time.GetUtcNow()).ToString("N")
            : EmailComposer.HashKey(clientRequestId);
        return await _email.EnqueueAsync(
            EmailKind.Transcript,
            transcript.Conversation,
            to,
            key,
            (model, zone) => model["messages"] = EmailComposer.Items(transcript.Messages, zone),
            transcript.Conversation.LastSequence,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The visitor closed the chat page (feature E4): agent replies they have not read are e-mailed now, in one e-mail,
    /// to the address they left, instead of after <see cref="EmailOptions.UnreadDelay"/>.
    /// </summary>
    /// <returns>The outbox entry, or <see langword="null"/> when nothing was unread or the visitor left no address.</returns>
    /// <exception cref="ConversationNotFoundException">No such conversation, or the token is not its visitor's.</exception>
    public ValueTask<EmailDelivery?> PageClosedAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken = default)
    {
        var credential = VisitorCredential.Of(token);
        if (_port.Remote is not { } port)
        {
            return PageClosedHereAsync(workspace, conversationId, credential, cancellationToken);
        }

        ConversationPortRef.CheckIds(workspace, conversationId);
        return port.PageClosedAsync(workspace, conversationId, credential.Hash, cancellationToken);
    }

    internal async ValueTask<EmailDelivery?> PageClosedHereAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, CancellationToken cancellationToken)
    {
        await LoadAuthorizedAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false);
        return await _email.Replies.NotifyAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
    }

    private string? VisitorDisplayName(Conversation conversation)
        => string.Equals(conversation.VisitorName, _commands.Options.DefaultVisitorName ?? _commands.Text(conversation, SystemText.Visitor), StringComparison.Ordinal)
            ? null
            : conversation.VisitorName;

    private string ContactSummary(Conversation conversation, string? name, string? email, string? phone)
    {
        var text = new StringBuilder();
        Line(_commands.Text(conversation, SystemText.ContactName), name);
        Line(_commands.Text(conversation, SystemText.ContactEmail), email);
        Line(_commands.Text(conversation, SystemText.ContactPhone), phone);
        return text.ToString();

        void Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(text.Length == 0 ? string.Empty : "\n").Append(CultureInfo.InvariantCulture, $"{label}: {value}");
            }
        }
    }
}
