using System.Text.Json;
using LiveChat.Core.Storage;
using LiveChat.Core.Agents;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="Agent"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class AgentConverter : IConverter<Agent, JsonSurrogate>
{
    /// <inheritdoc />
    public Agent ConvertFromSurrogate(in JsonSurrogate surrogate)
        => JsonSerializer.Deserialize<Agent>(surrogate.Json, StoreJson.Options) ?? throw new JsonException("A Agent on the wire is null.");

    /// <inheritdoc />
    public JsonSurrogate ConvertToSurrogate(in Agent value) => new() { Json = JsonSerializer.Serialize(value, StoreJson.Options) };
}
