using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveChat.Core.Json;

/// <summary>
/// Writes an id as its one string form and reads it back with <see cref="ISpanParsable{TSelf}"/>, as a value and as a
/// dictionary key. Every id type of the SDK (<see cref="WorkspaceId"/>, <see cref="Agents.AgentId"/>,
/// <see cref="Routing.TeamId"/>, <see cref="Conversations.ConversationId"/>, <see cref="Identity.ContactId"/>,
/// <see cref="Crm.CrmRecordId"/>) names it in a <see cref="JsonConverterAttribute"/>, so hosts need not register anything.
/// </summary>
/// <typeparam name="T">The id type.</typeparam>
/// <remarks>
/// A default id (which is no id) is refused when written, so nothing writes JSON that cannot be read back; a malformed
/// one is refused when read with <see cref="JsonException"/>. Thread-safe and stateless.
/// </remarks>
public sealed class LiveChatIdJsonConverter<T> : JsonConverter<T>
    where T : struct, ISpanParsable<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException($"A {typeof(T).Name} is a JSON string.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <inheritdoc />
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(Format(value));
    }

    private static T Parse(string? text)
        => T.TryParse(text, CultureInfo.InvariantCulture, out var id) ? id : throw new JsonException($"Not a valid {typeof(T).Name}.");

    private static string Format(T value)
        => EqualityComparer<T>.Default.Equals(value, default)
            ? throw new JsonException($"default({typeof(T).Name}) is not an id and cannot be written.")
            : value.ToString() ?? string.Empty;
}
