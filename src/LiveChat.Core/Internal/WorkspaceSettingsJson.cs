using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        Converters = { new EmailAddressConverter() },
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

    /// <summary>An address with its display name; read back through <see cref="EmailAddress.Create"/>, so it is checked again.</summary>
    private sealed class EmailAddressConverter : JsonConverter<EmailAddress>
    {
        public override EmailAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var shape = JsonSerializer.Deserialize<Shape>(ref reader, options) ?? throw new JsonException("An e-mail address is null.");
            return EmailAddress.Create(shape.Address, shape.DisplayName);
        }

        public override void Write(Utf8JsonWriter writer, EmailAddress value, JsonSerializerOptions options)
            => JsonSerializer.Serialize(writer, new Shape(value.Address, value.DisplayName), options);

        private sealed record Shape(string Address, string? DisplayName);
    }
}
