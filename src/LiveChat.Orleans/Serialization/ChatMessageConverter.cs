using System.Text.Json;
using LiveChat.Core.Storage;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="ChatMessage"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class ChatMessageConverter : IConverter<ChatMessage, JsonSurrogate>
{
    /// <inheritdoc />
    public ChatMessage ConvertFromSurrogate(in JsonSurrogate surrogate)
        => JsonSerializer.Deserialize<ChatMessage>(surrogate.Json, StoreJson.Options) ?? throw new JsonException("A ChatMessage on the wire is null.");

    /// <inheritdoc />
    public JsonSurrogate ConvertToSurrogate(in ChatMessage value) => new() { Json = JsonSerializer.Serialize(value, StoreJson.Options) };
}
