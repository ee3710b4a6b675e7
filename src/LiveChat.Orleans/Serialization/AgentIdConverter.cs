using LiveChat.Core.Agents;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="AgentId"/> across grain boundaries as its value, keeping a default id default.</summary>
[RegisterConverter]
internal sealed class AgentIdConverter : IConverter<AgentId, StringIdSurrogate>
{
    /// <inheritdoc />
    public AgentId ConvertFromSurrogate(in StringIdSurrogate surrogate) => surrogate.Value is { } value ? new AgentId(value) : default;

    /// <inheritdoc />
    public StringIdSurrogate ConvertToSurrogate(in AgentId value) => new() { Value = value.Value };
}
