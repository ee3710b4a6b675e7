using System.Collections.Immutable;
using System.Text.Json;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Internal;

/// <summary>
/// The JSON of the three settings sections an <see cref="IWorkspaceSettingsStore"/> keeps: identity settings, e-mail
/// settings, and a workspace's text overrides keyed <c>language/Key</c>. Thread-safe.
/// </summary>
internal static class WorkspaceSettingsJson
{
    public const string Identity = "identity";
    public const string Email = "email";
    public const string Texts = "texts";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new Json.EmailAddressJsonConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a section; a section this SDK cannot read is a <see cref="JsonException"/>.</summary>
    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A {typeof(T).Name} section is null.");

    public static IdentitySettings ReadIdentity(string json) => Read<IdentitySettings>(json);

    public static EmailSettings ReadEmail(string json) => Read<EmailSettings>(json);

    public static ImmutableSortedDictionary<string, string> ReadTexts(string json)
        => Read<ImmutableSortedDictionary<string, string>>(json).WithComparers(StringComparer.Ordinal);

    /// <summary>The key of a text override in the <c>texts</c> section.</summary>
    public static string TextKey(string language, Texts.SystemText key) => $"{language}/{key}";
}
