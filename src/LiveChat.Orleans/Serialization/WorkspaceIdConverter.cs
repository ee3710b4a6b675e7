using LiveChat.Core;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="WorkspaceId"/> across grain boundaries as its value, keeping a default id default.</summary>
[RegisterConverter]
internal sealed class WorkspaceIdConverter : IConverter<WorkspaceId, StringIdSurrogate>
{
    /// <inheritdoc />
    public WorkspaceId ConvertFromSurrogate(in StringIdSurrogate surrogate) => surrogate.Value is { } value ? new WorkspaceId(value) : default;

    /// <inheritdoc />
    public StringIdSurrogate ConvertToSurrogate(in WorkspaceId value) => new() { Value = value.Value };
}
