using System.Collections.Concurrent;
using LiveChat.Core.Email;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Internal;

/// <summary>
/// Each workspace's settings that decide how people read it: the language and the time zone of each channel, with
/// the workspace's and then the SDK's defaults (features E2, E5, C9). One place read by e-mails, system texts and the
/// transcript copied to the CRM; written by <see cref="EmailService.Configure"/>. Thread-safe.
/// </summary>
internal sealed class WorkspaceLocales(EmailOptions options)
{
    private readonly ConcurrentDictionary<WorkspaceId, Entry> _entries = new();

    /// <summary>The one catalogue of system texts, shared by the bot, routing, assignment, e-mails and the CRM copy.</summary>
    public TextCatalog Texts { get; } = new();

    /// <summary>A text in the language of a workspace's channel, English where the catalogue lacks that language.</summary>
    public string Text(WorkspaceId workspace, string channel, SystemText key)
        => Texts.Get(TextCatalog.SupportedOrEnglish(Language(workspace, channel)), key, workspace);

    public EmailSettings Settings(WorkspaceId workspace) => _entries.GetValueOrDefault(workspace)?.Settings ?? new EmailSettings();

    /// <summary>Stores checked settings with their time zones found.</summary>
    /// <exception cref="ArgumentException">A time zone id that is neither an IANA nor a Windows id known here.</exception>
    public void Set(WorkspaceId workspace, EmailSettings settings)
    {
        var zone = settings.TimeZone is { } id ? FindTimeZone(id) : TimeZoneInfo.Utc;
        var channelZones = settings.ChannelTimeZones.ToDictionary(p => p.Key, p => FindTimeZone(p.Value), StringComparer.Ordinal);
        _entries[workspace] = new Entry(settings, zone, channelZones);
    }

    /// <summary>The language of a workspace's channel: the channel's, the workspace's, then <see cref="EmailOptions.DefaultLanguage"/>.</summary>
    public string Language(WorkspaceId workspace, string channel)
    {
        var settings = Settings(workspace);
        return settings.ChannelLanguages.GetValueOrDefault(channel) ?? settings.DefaultLanguage ?? options.DefaultLanguage;
    }

    /// <summary>The time zone of a workspace's channel: the channel's, the workspace's, then UTC.</summary>
    public TimeZoneInfo TimeZone(WorkspaceId workspace, string channel)
        => _entries.GetValueOrDefault(workspace) is { } entry ? entry.ChannelZones.GetValueOrDefault(channel) ?? entry.Zone : TimeZoneInfo.Utc;

    /// <summary>A time zone by IANA id (<c>Europe/Paris</c>) or Windows id (<c>Romance Standard Time</c>), on any OS.</summary>
    /// <exception cref="ArgumentException">The id is unknown.</exception>
    public static TimeZoneInfo FindTimeZone(string id)
        => !string.IsNullOrWhiteSpace(id) && TimeZoneConverter.TZConvert.TryGetTimeZoneInfo(id.Trim(), out var zone)
            ? zone
            : throw new ArgumentException($"\"{id}\" is not a time zone id such as Europe/Paris.", nameof(id));

    private sealed record Entry(EmailSettings Settings, TimeZoneInfo Zone, Dictionary<string, TimeZoneInfo> ChannelZones);
}
