using LiveChat.Core.Crm;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="CrmRecordId"/> across grain boundaries as its value, keeping a default id default.</summary>
[RegisterConverter]
internal sealed class CrmRecordIdConverter : IConverter<CrmRecordId, StringIdSurrogate>
{
    /// <inheritdoc />
    public CrmRecordId ConvertFromSurrogate(in StringIdSurrogate surrogate) => surrogate.Value is { } value ? new CrmRecordId(value) : default;

    /// <inheritdoc />
    public StringIdSurrogate ConvertToSurrogate(in CrmRecordId value) => new() { Value = value.Value };
}
