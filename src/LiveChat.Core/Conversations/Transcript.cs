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
    public string ToPlainText()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Conversation #{Conversation.Number} ({Conversation.Channel})").AppendLine();
        text.Append(inv, $"Started: {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC").AppendLine();
        text.Append(EndedAt is { } ended ? string.Create(inv, $"Ended:   {ended.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC") : "Ended:   (ongoing)").AppendLine();
        text.Append("Participants: ").AppendJoin(", ", Participants.Select(p => $"{p.DisplayName} ({p.Kind})")).AppendLine().AppendLine();
        foreach (var message in Messages)
        {
            var who = message.Sender.Kind == SenderKind.System ? "*" : message.Sender.DisplayName;
            text.Append(inv, $"[{message.SentAt.UtcDateTime:HH:mm:ss}] {who}: {message.Text}").AppendLine();
        }

        return text.ToString();
    }
}
