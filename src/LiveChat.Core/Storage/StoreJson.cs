using System.Text.Json;
using System.Text.Json.Serialization;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Storage;

/// <summary>
/// The JSON shape of the nested parts of a conversation (participants, details, created results, routing ticket) and of
/// an agent's teams, for stores that keep
/// them in a JSON or text column. Every adapter uses these options, so the shape is the same on every backend.
/// </summary>
/// <remarks>Thread-safe: the options are frozen on first use by System.Text.Json.</remarks>
public static class StoreJson
{
    /// <summary>The serializer options, with converters for <see cref="AgentId"/>, <see cref="TeamId"/> and <see cref="Money"/>.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new AgentIdConverter(), new TeamIdConverter(), new MoneyConverter() },
    };

    private sealed class AgentIdConverter : JsonConverter<AgentId>
    {
        public override AgentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => new(reader.GetString() ?? throw new JsonException("An agent id is null."));

        public override void Write(Utf8JsonWriter writer, AgentId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    private sealed class TeamIdConverter : JsonConverter<TeamId>
    {
        public override TeamId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => new(reader.GetString() ?? throw new JsonException("A team id is null."));

        public override void Write(Utf8JsonWriter writer, TeamId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
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
            writer.WriteStartObject();
            writer.WriteNumber("amount", value.Amount);
            writer.WriteString("currency", value.Currency);
            writer.WriteEndObject();
        }
    }
}
