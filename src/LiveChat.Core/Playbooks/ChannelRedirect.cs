namespace LiveChat.Core.Playbooks;

/// <summary>Another channel to send the visitor to (feature P5). Immutable.</summary>
/// <param name="Kind">An e-mail address, a URL or a phone number.</param>
/// <param name="Address">The address, URL or number shown to the visitor.</param>
public sealed record ChannelRedirect(RedirectKind Kind, string Address);
