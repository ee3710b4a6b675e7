namespace LiveChat.Orleans.Serialization;

/// <summary>The wire form of a core id whose value is a <see cref="Guid"/> (conversation, contact).</summary>
[GenerateSerializer]
[Alias("livechat.guid-id")]
internal struct GuidIdSurrogate
{
    /// <summary>The id's value.</summary>
    [Id(0)]
    public Guid Value;
}
