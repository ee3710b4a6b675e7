using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="MergeRefusedException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class MergeRefusedExceptionConverter : ExceptionConverter<MergeRefusedException>
{
    /// <inheritdoc />
    protected override object?[] Values(MergeRefusedException exception) => [exception.Reason];

    /// <inheritdoc />
    protected override MergeRefusedException Restore(object?[] values, Exception? inner) => new((string)values[0]!);
}
