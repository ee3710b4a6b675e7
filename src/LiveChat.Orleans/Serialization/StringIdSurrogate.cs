namespace LiveChat.Orleans.Serialization;

/// <summary>The wire form of a core id whose value is text (workspace, agent, team, CRM record): the value, or null for a default id.</summary>
[GenerateSerializer]
[Alias("livechat.string-id")]
internal struct StringIdSurrogate
{
    /// <summary>The id's value; null for a default (undefined) id.</summary>
    [Id(0)]
    public string? Value;
}
