using LiveChat.Core;
using Microsoft.AspNetCore.SignalR;

namespace LiveChat.AspNetCore.Internal;

/// <summary>The one place that turns SDK refusals into the hub contract's <see cref="LiveChatHubErrors"/> codes.</summary>
internal static class HubErrors
{
    /// <summary>The hub error for <paramref name="exception"/>, or <see langword="null"/> when it is no refusal (a fault: SignalR hides it).</summary>
    public static HubException? From(Exception exception) => LiveChatException.CategoryOf(exception) switch
    {
        // Not found and unavailable say nothing more: which conversation or which store must not leak to a caller.
        LiveChatErrorCategory.NotFound => NotFound(),
        LiveChatErrorCategory.Unavailable => Create(LiveChatHubErrors.Unavailable, "The chat is unavailable; retry later."),
        LiveChatErrorCategory.Conflict => Create(LiveChatHubErrors.Conflict, exception.Message),
        LiveChatErrorCategory.Forbidden => Create(LiveChatHubErrors.Forbidden, exception.Message),
        LiveChatErrorCategory.Invalid => Create(LiveChatHubErrors.Invalid, exception.Message),
        _ => null,
    };

    public static HubException NotFound() => Create(LiveChatHubErrors.NotFound, "Not found.");

    public static HubException Create(string code, string text) => new($"{code}: {text}");
}
