using System.Text.Json;
using LiveChat.Core.Storage;
using LiveChat.Core.Routing;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="Team"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class TeamConverter : IConverter<Team, JsonSurrogate>
{
    /// <inheritdoc />
    public Team ConvertFromSurrogate(in JsonSurrogate surrogate)
        => JsonSerializer.Deserialize<Team>(surrogate.Json, StoreJson.Options) ?? throw new JsonException("A Team on the wire is null.");

    /// <inheritdoc />
    public JsonSurrogate ConvertToSurrogate(in Team value) => new() { Json = JsonSerializer.Serialize(value, StoreJson.Options) };
}
