using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Email;

/// <summary>Builds the template model and the <see cref="EmailMessage"/> of one e-mail (features E2–E5).</summary>
internal static class EmailComposer
{
    /// <summary>The template model; times are <see cref="DateTimeOffset"/> values in <paramref name="zone"/>, for the template's <c>date</c> filter.</summary>
    public static Dictionary<string, object?> Model(Conversation conversation, string workspaceName, string? link, TimeZoneInfo zone)
        => new(StringComparer.Ordinal)
        {
            ["conversation_number"] = conversation.Number,
            ["conversation_id"] = conversation.Id.ToString(),
            ["channel"] = conversation.Channel,
            ["visitor_name"] = conversation.VisitorName,
            ["workspace_name"] = workspaceName,
            ["link"] = link ?? string.Empty,
            ["started_at"] = TimeZoneInfo.ConvertTime(conversation.StartedAt, zone),
            ["ended_at"] = conversation.EndedAt is { } ended ? TimeZoneInfo.ConvertTime(ended, zone) : null,
            ["question"] = string.Empty,
            ["more_replies"] = 0,
            ["messages"] = new List<object>(),
            ["replies"] = new List<object>(),
        };

    public static List<object> Items(IEnumerable<ChatMessage> messages, TimeZoneInfo zone)
        => [.. messages.Select(m => (object)new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sender"] = m.Sender.DisplayName,
            ["text"] = m.Text,
            ["sent_at"] = TimeZoneInfo.ConvertTime(m.SentAt, zone),
            ["from_agent"] = m.Sender.Kind == SenderKind.Agent,
            ["from_visitor"] = m.Sender.Kind == SenderKind.Visitor,
        })];

    /// <summary>
    /// The link back to the conversation, from the host's template; <see langword="null"/> without one. Ids and numbers
    /// contain only URL-safe characters.
    /// </summary>
    public static string? Link(string? template, Conversation conversation)
        => template?
            .Replace("{conversation}", conversation.Id.ToString(), StringComparison.Ordinal)
            .Replace("{number}", conversation.Number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A stable id, safe inside a Message-Id: only letters, digits, dots and dashes.</summary>
    public static string DeliveryId(EmailKind kind, ConversationId conversationId, string key)
        => $"{kind switch { EmailKind.Transcript => "transcript", EmailKind.OfflineReply => "offline", _ => "replies" }}.{conversationId}.{key}";

    /// <summary>A client-chosen idempotency key, hashed so that any text makes a safe Message-Id.</summary>
    public static string HashKey(string key)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];

    public static EmailMessage Message(string deliveryId, EmailAddress from, EmailAddress to, EmailTemplateCatalog.Rendered rendered, Conversation conversation)
        => new()
        {
            MessageId = $"{deliveryId}@{from.Address[(from.Address.IndexOf('@', StringComparison.Ordinal) + 1)..]}",
            From = from,
            To = to,
            Subject = rendered.Subject,
            HtmlBody = rendered.Html,
            TextBody = rendered.Text,
            Headers = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty
                .Add("Auto-Submitted", "auto-generated")
                .Add("X-LiveChat-Conversation", conversation.Number.ToString(CultureInfo.InvariantCulture)),
        };
}
