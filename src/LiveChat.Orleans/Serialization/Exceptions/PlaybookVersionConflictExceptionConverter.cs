using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="PlaybookVersionConflictException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class PlaybookVersionConflictExceptionConverter : ExceptionConverter<PlaybookVersionConflictException>
{
    /// <inheritdoc />
    protected override object?[] Values(PlaybookVersionConflictException exception) => [exception.PlaybookId, exception.Version, exception.PublishedVersion];

    /// <inheritdoc />
    protected override PlaybookVersionConflictException Restore(object?[] values, Exception? inner) => new((string)values[0]!, (int)values[1]!, (int)values[2]!);
}
