using System.Collections.Immutable;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// Something a step decided to do. Steps are decided first (pure, under the machine's lock for each fire) and the run is
/// stored; only then are effects carried out, in order.
/// </summary>
internal abstract record PlaybookEffect
{
    /// <summary>The visitor sees the playbook's bot name as their counterpart (until an agent joins).</summary>
    public sealed record Introduce(string BotName) : PlaybookEffect;

    /// <summary>The bot posts a message.</summary>
    public sealed record Say(string Text) : PlaybookEffect;

    /// <summary>The widget is asked to show a form.</summary>
    public sealed record ShowForm(PlaybookFormKind Kind, string Text) : PlaybookEffect;

    /// <summary>The conversation is handed to routing (live-chat card, assign-to-team action).</summary>
    public sealed record HandOff(RoutingTarget Target) : PlaybookEffect;

    /// <summary>The qualification outcome is recorded on the conversation.</summary>
    public sealed record Qualify(bool Qualified) : PlaybookEffect;

    /// <summary>A contact detail the visitor answered goes through identity resolution, like the contact form's (P4).</summary>
    public sealed record Identify(AnswerValidation Kind, string Value) : PlaybookEffect;

    /// <summary>Follow-up actions run, with the answers known at that point.</summary>
    public sealed record FollowUp(ImmutableArray<FollowUpAction> Actions, ImmutableDictionary<string, string> Answers) : PlaybookEffect;
}
