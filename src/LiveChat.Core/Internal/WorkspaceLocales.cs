using LiveChat.Core.Email;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Internal;

/// <summary>
/// Each workspace's settings that decide how people read it: the language and the time zone of each channel, with
/// the workspace's and then the SDK's defaults (features E2, E5, C9). One place read by e-mails, system texts and the
/// transcript copied to the CRM; written by <see cref="EmailService.ConfigureAsync"/>. Kept in the store through
/// <see cref="WorkspaceSettings"/>, with its freshness rule. Thread-safe.
/// </summary>
internal sealed class WorkspaceLocales(EmailOptions options, WorkspaceSettings workspaces)
{
    /// <summary>Every workspace's stored settings.</summary>
    public WorkspaceSettings Workspaces { get; } = workspaces;

    /// <summary>The one catalogue of system texts, shared by the bot, routing, assignment, e-mails and the CRM copy.</summary>
    public TextCatalog Texts { get; } = new(workspaces);

    /// <summary>A text in the language of a workspace's channel, English where the catalogue lacks that language.</summary>
    public string Text(WorkspaceId workspace, string channel, SystemText key)
        => Texts.Get(TextCatalog.SupportedOrEnglish(Language(workspace, channel)), key, workspace);

    public EmailSettings Settings(WorkspaceId workspace) => Workspaces.Get(workspace).Email;

    /// <summary>Stores checked settings, once their time zones are found.</summary>
    /// <exception cref="ArgumentException">A time zone id that is neither an IANA nor a Windows id known here; nothing is stored.</exception>
    public async ValueTask SetAsync(WorkspaceId workspace, EmailSettings settings, CancellationToken cancellationToken)
    {
        _ = settings.TimeZone is { } id ? FindTimeZone(id, nameof(settings.TimeZone)) : TimeZoneInfo.Utc;
        foreach (var zone in settings.ChannelTimeZones.Values)
        {
            FindTimeZone(zone, nameof(settings.ChannelTimeZones));
        }

        var json = WorkspaceSettingsJson.Write(settings);
        await Workspaces.SaveAsync(workspace, WorkspaceSettingsJson.Email, _ => json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The language of a workspace's channel: the channel's, the workspace's, then its active playbook's (a French playbook
    /// makes a French workspace unless its settings say otherwise), then <see cref="EmailOptions.DefaultLanguage"/>.
    /// </summary>
    public string Language(WorkspaceId workspace, string channel)
    {
        var snapshot = Workspaces.Get(workspace);
        var settings = snapshot.Email;
        return settings.ChannelLanguages.GetValueOrDefault(channel) ?? settings.DefaultLanguage ?? snapshot.PlaybookLanguage ?? options.DefaultLanguage;
    }

    /// <summary>The time zone of a workspace's channel: the channel's, the workspace's, then UTC.</summary>
    public TimeZoneInfo TimeZone(WorkspaceId workspace, string channel)
    {
        var settings = Workspaces.Get(workspace);
        return settings.ChannelZones.GetValueOrDefault(channel) ?? settings.Zone;
    }

    /// <summary>A time zone by IANA id (<c>Europe/Paris</c>) or Windows id (<c>Romance Standard Time</c>), on any OS.</summary>
    /// <param name="id">The id.</param>
    /// <param name="setting">The setting it comes from, named by the exception.</param>
    /// <exception cref="ArgumentException">The id is unknown.</exception>
    public static TimeZoneInfo FindTimeZone(string id, string setting = nameof(EmailSettings.TimeZone))
        => !string.IsNullOrWhiteSpace(id) && TimeZoneConverter.TZConvert.TryGetTimeZoneInfo(id.Trim(), out var zone)
            ? zone
            : throw Guard.InvalidSetting($"\"{id}\" is not a time zone id such as Europe/Paris.", setting);
}
