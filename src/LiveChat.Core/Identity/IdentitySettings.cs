using System.Collections.Immutable;
using LiveChat.Core.Agents;

namespace LiveChat.Core.Identity;

/// <summary>A workspace's identity and chat-tracking settings (features I1, I2, I4, I6). Immutable.</summary>
public sealed record IdentitySettings
{
    /// <summary>The defaults: tracking on everywhere, no region, no host secret, three contacts per value.</summary>
    public static IdentitySettings Default { get; } = new();

    /// <summary>The ISO 3166 region for phone numbers without a country code, such as <c>FR</c>.</summary>
    public string? DefaultRegion { get; init; }

    /// <summary>The secret the host signs its user ids with (see <see cref="HostVerification"/>); none disables host verification.</summary>
    public string? HostSecret { get; init; }

    /// <summary>Switches per channel name (such as <c>instagram</c>); a channel not listed uses <see cref="ChannelTracking.Default"/>.</summary>
    public ImmutableDictionary<string, ChannelTracking> Channels { get; init; } = ImmutableDictionary<string, ChannelTracking>.Empty;

    /// <summary>The most contacts one identifier value may link; a value shared more widely links no one else (default 3).</summary>
    public int MaxContactsPerValue { get; init; } = 3;

    /// <summary>E-mail local parts that name a role, not a person; such addresses never match anyone.</summary>
    public ImmutableArray<string> RoleMailboxes { get; init; } = ["info", "noreply", "no-reply", "test", "null", "anonymous", "admin"];

    /// <summary>Values that never match anyone, compared case-insensitively after normalization.</summary>
    public ImmutableArray<string> BlockedValues { get; init; } = ["null", "undefined", "anonymous", "none", "n/a", "test"];

    /// <summary>
    /// The owner of every lead the SDK creates: by chat tracking, by an agent's "Create lead" and by playbooks (features
    /// C7, I4, I7, P4). When <see langword="null"/>, <see cref="LeadDistributionGroup"/> is used, and without either the
    /// conversation's agent owns the lead.
    /// </summary>
    public AgentId? LeadOwner { get; init; }

    /// <summary>The CRM distribution group whose members take every new lead in turn, when no <see cref="LeadOwner"/> is set.</summary>
    public string? LeadDistributionGroup { get; init; }

    /// <summary>The switches of <paramref name="channel"/>.</summary>
    public ChannelTracking For(string channel) => Channels.TryGetValue(channel, out var tracking) ? tracking : ChannelTracking.Default;
}
