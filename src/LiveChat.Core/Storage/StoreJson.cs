using System.Text.Json;
using System.Text.Json.Serialization;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;

namespace LiveChat.Core.Storage;

/// <summary>
/// The JSON shape of the nested parts of a conversation (participants, details, created results, routing ticket) and of
/// an agent's teams, for stores that keep
/// them in a JSON or text column. Every adapter uses these options, so the shape is the same on every backend.
/// </summary>
/// <remarks>Thread-safe: the options are frozen on first use by System.Text.Json.</remarks>
public static class StoreJson
{
    /// <summary>
    /// The serializer options, with converters for <see cref="Money"/> and <see cref="ContactIdentifier"/> (read back as
    /// written, without parsing again); ids carry their own (<see cref="Json.LiveChatIdJsonConverter{T}"/>). Writing a
    /// value that could not be read back, such as <c>default(Money)</c> or a default id, throws
    /// <see cref="JsonException"/>, so a store never commits it.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new MoneyConverter(), new ContactIdentifierConverter() },
    };

    // Identity entries are a new shape, so they get names for enums from the start: a renumbered enum cannot corrupt them.
    private static readonly JsonSerializerOptions IdentityOptions = new(JsonSerializerDefaults.Web)
    {
        Converters =
        {
            new MoneyConverter(), new ContactIdentifierConverter(),
            new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false),
        },
    };

    /// <summary>An identity log entry as JSON, its type in a <c>type</c> property: what <see cref="IIdentityLogStore"/> adapters store.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static string SerializeIdentityEvent(IdentityEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Serialize(entry, IdentityOptions);
    }

    /// <summary>Reads an entry written by <see cref="SerializeIdentityEvent"/>.</summary>
    /// <exception cref="JsonException">The text is not an identity log entry.</exception>
    public static IdentityEvent DeserializeIdentityEvent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<IdentityEvent>(json, IdentityOptions) ?? throw new JsonException("An identity log entry is null.");
        }
        catch (NotSupportedException e)
        {
            throw new JsonException($"Not an identity log entry: {e.Message}", e);
        }
    }

    /// <summary>Writes the kind, normalized value, raw value and level; reads them back without parsing again, as stored.</summary>
    private sealed class ContactIdentifierConverter : JsonConverter<ContactIdentifier>
    {
        public override ContactIdentifier Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var shape = JsonSerializer.Deserialize<IdentifierShape>(ref reader, options) ?? throw new JsonException("An identifier is null.");
            return ContactIdentifier.FromTrusted(
                shape.Kind,
                shape.Value ?? throw new JsonException("An identifier has no value."),
                shape.Raw ?? throw new JsonException("An identifier has no raw value."),
                shape.Verification,
                shape.Unconfirmed);
        }

        public override void Write(Utf8JsonWriter writer, ContactIdentifier value, JsonSerializerOptions options)
            => JsonSerializer.Serialize(writer, new IdentifierShape(value.Kind, value.Value, value.Raw, value.Verification, value.IsUnconfirmedNumber), options);

        private sealed record IdentifierShape(IdentifierKind Kind, string? Value, string? Raw, VerificationLevel Verification, bool Unconfirmed = false);
    }

    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            decimal? amount = null;
            string? currency = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "amount")
                {
                    amount = reader.GetDecimal();
                }
                else if (name == "currency")
                {
                    currency = reader.GetString();
                }
            }

            return new Money(amount ?? throw new JsonException("Money without an amount."), currency ?? throw new JsonException("Money without a currency."));
        }

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
        {
            if (value.IsDefault)
            {
                throw new JsonException("default(Money) has no currency and cannot be stored.");
            }

            writer.WriteStartObject();
            writer.WriteNumber("amount", value.Amount);
            writer.WriteString("currency", value.Currency);
            writer.WriteEndObject();
        }
    }
}
