using System.Collections.Immutable;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Internal;

/// <summary>One workspace's settings as read from the store at <see cref="LoadedAt"/>, parsed once. Immutable.</summary>
internal sealed record WorkspaceSettingsSnapshot
{
    public required IdentitySettings Identity { get; init; }

    public required EmailSettings Email { get; init; }

    /// <summary>The e-mail settings' time zone, UTC when none.</summary>
    public required TimeZoneInfo Zone { get; init; }

    /// <summary>The e-mail settings' channel time zones.</summary>
    public required IReadOnlyDictionary<string, TimeZoneInfo> ChannelZones { get; init; }

    /// <summary>Text overrides keyed by <see cref="WorkspaceSettingsJson.TextKey"/>.</summary>
    public required ImmutableSortedDictionary<string, string> Texts { get; init; }

    /// <summary>The stored version of each section; a missing one is 0.</summary>
    public required IReadOnlyDictionary<string, long> Versions { get; init; }

    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>The language of the workspace's active playbook when read, <see langword="null"/> before the first publication.</summary>
    public string? PlaybookLanguage { get; init; }

    /// <summary>The sum of the section versions: each save raises it, so of two copies the higher one is the newer.</summary>
    public long Revision => Versions.Values.Sum();

    public long VersionOf(string section) => Versions.GetValueOrDefault(section);

    public static WorkspaceSettingsSnapshot From(IReadOnlyList<WorkspaceSettingsEntry> entries, DateTimeOffset loadedAt, string? playbookLanguage = null)
    {
        var json = entries.ToDictionary(e => e.Section, e => e.Json, StringComparer.Ordinal);
        var email = json.TryGetValue(WorkspaceSettingsJson.Email, out var e) ? WorkspaceSettingsJson.ReadEmail(e) : new EmailSettings();
        return new WorkspaceSettingsSnapshot
        {
            Identity = json.TryGetValue(WorkspaceSettingsJson.Identity, out var i) ? WorkspaceSettingsJson.ReadIdentity(i) : IdentitySettings.Default,
            Email = email,
            Zone = email.TimeZone is { } id ? WorkspaceLocales.FindTimeZone(id) : TimeZoneInfo.Utc,
            ChannelZones = email.ChannelTimeZones.ToDictionary(p => p.Key, p => WorkspaceLocales.FindTimeZone(p.Value), StringComparer.Ordinal),
            Texts = json.TryGetValue(WorkspaceSettingsJson.Texts, out var t) ? WorkspaceSettingsJson.ReadTexts(t) : ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
            Versions = entries.ToDictionary(x => x.Section, x => x.Version, StringComparer.Ordinal),
            LoadedAt = loadedAt,
            PlaybookLanguage = playbookLanguage,
        };
    }
}
