using LiveChat.Core.Identity;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="ContactId"/> across grain boundaries as its value.</summary>
[RegisterConverter]
internal sealed class ContactIdConverter : IConverter<ContactId, GuidIdSurrogate>
{
    /// <inheritdoc />
    public ContactId ConvertFromSurrogate(in GuidIdSurrogate surrogate) => new(surrogate.Value);

    /// <inheritdoc />
    public GuidIdSurrogate ConvertToSurrogate(in ContactId value) => new() { Value = value.Value };
}
