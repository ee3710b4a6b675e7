using LiveChat.Core.Identity;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="MergeUndone"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class MergeUndoneConverter : JsonRecordConverter<MergeUndone>;
