using System.Collections.Immutable;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>
/// What a conversation says about who the client is (feature I2): the channel's handle, anything the client typed, and
/// the host's signed user id. Raw phone numbers are parsed with the channel's or workspace's region. Immutable.
/// </summary>
public sealed record IdentifyRequest
{
    /// <summary>The conversation to resolve.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>The client's name, if known; it names the lead created when nobody matches (feature I4).</summary>
    public string? Name { get; init; }

    /// <summary>An e-mail address the client gave.</summary>
    public string? Email { get; init; }

    /// <summary>A phone number the client gave, in any format.</summary>
    public string? Phone { get; init; }

    /// <summary>The client's user id on the conversation's channel (Instagram, Telegram, webchat visitor id …); channel-asserted.</summary>
    public string? ChannelHandle { get; init; }

    /// <summary>The host application's user id.</summary>
    public string? ExternalUserId { get; init; }

    /// <summary>The host's signature of <see cref="ExternalUserId"/>; with a valid one the id is host-verified.</summary>
    public string? ExternalUserSignature { get; init; }

    /// <summary>
    /// How far <see cref="Email"/> and <see cref="Phone"/> can be trusted: typed by the visitor by default, or
    /// <see cref="VerificationLevel.ChannelAsserted"/> when the host application has checked them (a confirmed sign-up
    /// address). <see cref="VerificationLevel.HostVerified"/> is refused: only a signed external user id reaches it.
    /// </summary>
    public VerificationLevel ContactDetailsVerification { get; init; } = VerificationLevel.SelfAsserted;

    /// <summary>Further identifiers, already built.</summary>
    public ImmutableArray<ContactIdentifier> Identifiers { get; init; } = [];

    /// <summary>Other fields to fill in when missing, such as <c>company</c>; names up to 64 and values up to 500 characters.</summary>
    public ImmutableDictionary<string, string> Fields { get; init; } = ImmutableDictionary<string, string>.Empty;
}
