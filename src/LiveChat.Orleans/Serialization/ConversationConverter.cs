using System.Text.Json;
using LiveChat.Core.Storage;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="Conversation"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class ConversationConverter : IConverter<Conversation, JsonSurrogate>
{
    /// <inheritdoc />
    public Conversation ConvertFromSurrogate(in JsonSurrogate surrogate)
        => JsonSerializer.Deserialize<Conversation>(surrogate.Json, StoreJson.Options) ?? throw new JsonException("A Conversation on the wire is null.");

    /// <inheritdoc />
    public JsonSurrogate ConvertToSurrogate(in Conversation value) => new() { Json = JsonSerializer.Serialize(value, StoreJson.Options) };
}
