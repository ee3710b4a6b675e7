using LiveChat.Core.Playbooks;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries the <see cref="PlaybookFormRequested"/> event across silos (feature X7) as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class PlaybookFormRequestedConverter : JsonRecordConverter<PlaybookFormRequested>;
