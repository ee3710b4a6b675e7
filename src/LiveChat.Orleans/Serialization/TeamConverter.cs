using LiveChat.Core.Routing;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="Team"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class TeamConverter : JsonRecordConverter<Team>;
