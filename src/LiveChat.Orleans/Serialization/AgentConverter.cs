using LiveChat.Core.Agents;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="Agent"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class AgentConverter : JsonRecordConverter<Agent>;
