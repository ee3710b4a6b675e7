using System.Text.Json;
using LiveChat.Core.Storage;
using LiveChat.Core.Routing;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="RoutingTarget"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class RoutingTargetConverter : IConverter<RoutingTarget, JsonSurrogate>
{
    /// <inheritdoc />
    public RoutingTarget ConvertFromSurrogate(in JsonSurrogate surrogate)
        => JsonSerializer.Deserialize<RoutingTarget>(surrogate.Json, StoreJson.Options) ?? throw new JsonException("A RoutingTarget on the wire is null.");

    /// <inheritdoc />
    public JsonSurrogate ConvertToSurrogate(in RoutingTarget value) => new() { Json = JsonSerializer.Serialize(value, StoreJson.Options) };
}
