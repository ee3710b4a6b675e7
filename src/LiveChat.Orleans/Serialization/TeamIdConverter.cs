using LiveChat.Core.Routing;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="TeamId"/> across grain boundaries as its value, keeping a default id default.</summary>
[RegisterConverter]
internal sealed class TeamIdConverter : IConverter<TeamId, StringIdSurrogate>
{
    /// <inheritdoc />
    public TeamId ConvertFromSurrogate(in StringIdSurrogate surrogate) => surrogate.Value is { } value ? new TeamId(value) : default;

    /// <inheritdoc />
    public StringIdSurrogate ConvertToSurrogate(in TeamId value) => new() { Value = value.Value };
}
