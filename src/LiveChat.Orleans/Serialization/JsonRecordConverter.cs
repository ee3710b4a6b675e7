using System.Text.Json;
using LiveChat.Core.Storage;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries a core record across grain boundaries as its JSON in the stores' shape (<see cref="StoreJson.Options"/>).</summary>
/// <typeparam name="T">The record.</typeparam>
internal abstract class JsonRecordConverter<T> : IConverter<T, JsonSurrogate>
    where T : class
{
    /// <inheritdoc />
    public T ConvertFromSurrogate(in JsonSurrogate surrogate)
        => JsonSerializer.Deserialize<T>(surrogate.Json, Options) ?? throw new JsonException($"A {typeof(T).Name} on the wire is null.");

    /// <inheritdoc />
    public JsonSurrogate ConvertToSurrogate(in T value) => new() { Json = JsonSerializer.Serialize(value, Options) };

    /// <summary>The serializer options: the stores' own, unless the record holds a value they do not carry.</summary>
    protected virtual JsonSerializerOptions Options => StoreJson.Options;
}
