namespace LiveChat.Orleans.Serialization;

/// <summary>
/// The wire form of a core record that crosses a grain boundary (conversation, message, agent, team, routing target):
/// its JSON in the stores' own shape (<see cref="LiveChat.Core.Storage.StoreJson.Options"/>), which every adapter already
/// reads back value for value, so the core stays free of Orleans attributes.
/// </summary>
[GenerateSerializer]
[Alias("livechat.json")]
internal struct JsonSurrogate
{
    /// <summary>The record as JSON.</summary>
    [Id(0)]
    public string Json;
}
