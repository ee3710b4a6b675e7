using System.Collections.Immutable;

namespace LiveChat.Core.Email;

/// <summary>
/// The placeholders every e-mail template may use (feature E5). A template naming anything else is refused with
/// <see cref="EmailTemplateException"/> when it is registered.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>conversation_number</c>, <c>conversation_id</c>, <c>channel</c>, <c>visitor_name</c>, <c>workspace_name</c>,
/// <c>link</c> (empty without a link template), <c>started_at</c> and <c>ended_at</c> (dates in the channel's time zone,
/// <see cref="EmailSettings.TimeZone"/>, with their offset; <c>ended_at</c> is nil while ongoing; format them with
/// Liquid's <c>date</c> filter, such as <c>{{ started_at | date: "%d/%m/%Y %H:%M" }}</c>),
/// <c>question</c> (the visitor's last message before the replies), <c>more_replies</c> (replies not shown).</item>
/// <item><c>messages</c> (the whole conversation) and <c>replies</c> (the unread agent replies): lists whose items
/// have <c>sender</c>, <c>text</c>, <c>sent_at</c> (a date, like <c>started_at</c>), <c>from_agent</c>, <c>from_visitor</c>.</item>
/// <item>Inside <c>for</c> loops, Liquid's <c>forloop</c>; variables made with <c>assign</c> or <c>capture</c>.</item>
/// </list>
/// </remarks>
public static class EmailTemplateModel
{
    /// <summary>The top-level values.</summary>
    public static ImmutableArray<string> Values { get; } =
    [
        "conversation_number", "conversation_id", "channel", "visitor_name", "workspace_name", "link",
        "started_at", "ended_at", "question", "more_replies", "messages", "replies",
    ];

    /// <summary>The members of each item of <c>messages</c> and <c>replies</c>.</summary>
    public static ImmutableArray<string> MessageMembers { get; } = ["sender", "text", "sent_at", "from_agent", "from_visitor"];

    /// <summary>The lists, whose items have <see cref="MessageMembers"/>.</summary>
    internal static ImmutableArray<string> Lists { get; } = ["messages", "replies"];

    /// <summary>Members every list has, from Liquid itself.</summary>
    internal static ImmutableArray<string> ListMembers { get; } = ["size", "first", "last"];

    /// <summary>The members of Liquid's <c>forloop</c>.</summary>
    internal static ImmutableArray<string> ForLoopMembers { get; } = ["index", "index0", "rindex", "rindex0", "first", "last", "length", "parentloop"];
}
