using System.Globalization;
using System.Text;

namespace LiveChat.Core.Conversations;

/// <summary>A conversation's full record: start and end, participants and every message (feature C9). Immutable.</summary>
/// <param name="Conversation">The conversation.</param>
/// <param name="Participants">Everyone who took part, in the order they joined.</param>
/// <param name="Messages">Every message, in order.</param>
public sealed record Transcript(Conversation Conversation, IReadOnlyList<Participant> Participants, IReadOnlyList<ChatMessage> Messages)
{
    /// <summary>When the conversation started.</summary>
    public DateTimeOffset StartedAt => Conversation.StartedAt;

    /// <summary>When it ended, if it has.</summary>
    public DateTimeOffset? EndedAt => Conversation.EndedAt;

    /// <summary>The transcript as plain text, one line a message, times in UTC.</summary>
    public string ToPlainText() => ToPlainText(TimeZoneInfo.Utc);

    /// <summary>
    /// The transcript as plain text, one line a message, times in <paramref name="zone"/>: the start and end with the
    /// offset of their moment (<c>2026-03-29 03:05:00 UTC+02:00</c>), so a chat across a daylight saving change reads
    /// right (features C9, E2).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    public string ToPlainText(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Conversation #{Conversation.Number} ({Conversation.Channel})").AppendLine();
        text.Append(inv, $"Started: {Local(StartedAt)}").AppendLine();
        text.Append(EndedAt is { } ended ? $"Ended:   {Local(ended)}" : "Ended:   (ongoing)").AppendLine();
        text.Append("Participants: ").AppendJoin(", ", Participants.Select(p => $"{p.DisplayName} ({p.Kind})")).AppendLine().AppendLine();
        foreach (var message in Messages)
        {
            var who = message.Sender.Kind == SenderKind.System ? "*" : message.Sender.DisplayName;
            text.Append(inv, $"[{TimeZoneInfo.ConvertTime(message.SentAt, zone):HH:mm:ss}] {who}: {message.Text}").AppendLine();
        }

        return text.ToString();

        string Local(DateTimeOffset at)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var offset = zone == TimeZoneInfo.Utc ? "UTC" : string.Create(inv, $"UTC{local:zzz}");
            return string.Create(inv, $"{local:yyyy-MM-dd HH:mm:ss} {offset}");
        }
    }
}
