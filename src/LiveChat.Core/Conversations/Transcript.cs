using System.Globalization;
using System.Text;
using LiveChat.Core.Texts;

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

    /// <summary>The transcript as plain text in English, one line a message, times in UTC.</summary>
    public string ToPlainText() => ToPlainText(TimeZoneInfo.Utc);

    /// <summary>
    /// The transcript as plain text in English, one line a message, times in <paramref name="zone"/>: the start and end
    /// with the offset of their moment (<c>2026-03-29 03:05:00 UTC+02:00</c>), so a chat across a daylight saving change
    /// reads right (features C9, E2).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    public string ToPlainText(TimeZoneInfo zone) => ToPlainText(zone, key => TextCatalog.BuiltIn("en", key));

    /// <summary>The transcript as plain text with the labels of <paramref name="text"/>, such as the conversation's language.</summary>
    internal string ToPlainText(TimeZoneInfo zone, Func<SystemText, string> text)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var plain = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        string started = text(SystemText.EmailStarted) + ":", endedLabel = text(SystemText.EmailEnded) + ":";
        var width = Math.Max(started.Length, endedLabel.Length) + 1;
        plain.Append(inv, $"{text(SystemText.EmailConversation)} #{Conversation.Number} ({Conversation.Channel})").AppendLine();
        plain.Append(started.PadRight(width)).Append(Local(StartedAt)).AppendLine();
        plain.Append(endedLabel.PadRight(width)).Append(EndedAt is { } ended ? Local(ended) : text(SystemText.Ongoing)).AppendLine();
        plain.Append(text(SystemText.Participants)).Append(": ").AppendJoin(", ", Participants.Select(p => $"{p.DisplayName} ({Role(p.Kind)})")).AppendLine().AppendLine();
        foreach (var message in Messages)
        {
            var who = message.Sender.Kind == SenderKind.System ? "*" : message.Sender.DisplayName;
            plain.Append(inv, $"[{TimeZoneInfo.ConvertTime(message.SentAt, zone):HH:mm:ss}] {who}: {message.Text}").AppendLine();
        }

        return plain.ToString();

        string Role(SenderKind kind) => kind switch
        {
            SenderKind.Visitor => text(SystemText.Visitor),
            SenderKind.Agent => text(SystemText.AgentRole),
            SenderKind.Bot => text(SystemText.BotRole),
            _ => text(SystemText.SystemSender),
        };

        string Local(DateTimeOffset at)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var offset = zone == TimeZoneInfo.Utc ? "UTC" : string.Create(inv, $"UTC{local:zzz}");
            return string.Create(inv, $"{local:yyyy-MM-dd HH:mm:ss} {offset}");
        }
    }
}
