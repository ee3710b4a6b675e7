using System.Collections.Immutable;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Identity;

/// <summary>The argument checks of <see cref="Configure"/>.</summary>
public sealed partial class IdentityService
{
    private const int MaxSettingLength = 200;

    /// <summary>Refuses a default lead owner and settings text that would not be used exactly as given (issue 14).</summary>
    private static void CheckTexts(IdentitySettings settings)
    {
        if (settings.LeadOwner is { } owner)
        {
            Guard.Defined(owner, nameof(settings.LeadOwner));
        }

        CheckList(settings.RoleMailboxes, nameof(settings.RoleMailboxes));
        CheckList(settings.BlockedValues, nameof(settings.BlockedValues));
        Guard.SettingText(settings.DefaultRegion, MaxSettingLength, nameof(settings.DefaultRegion));
        Guard.SettingText(settings.HostSecret, MaxSettingLength, nameof(settings.HostSecret));
        Guard.SettingText(settings.LeadDistributionGroup, MaxSettingLength, nameof(settings.LeadDistributionGroup));
        Guard.SettingTexts(settings.Channels, tracking => tracking.DefaultRegion, MaxSettingLength, nameof(settings.Channels));
    }

    private static void CheckList(ImmutableArray<string> values, string setting)
    {
        if (values.IsDefault)
        {
            throw new ArgumentException($"The setting {setting} is a default ImmutableArray; use an empty one.", setting);
        }

        foreach (var value in values)
        {
            Guard.SettingText(value ?? throw new ArgumentException($"The setting {setting} holds null.", setting), ContactIdentifier.MaxLength, setting);
        }
    }
}
