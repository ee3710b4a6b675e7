using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="HostVerificationFailedException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class HostVerificationFailedExceptionConverter : ExceptionConverter<HostVerificationFailedException>
{
    /// <inheritdoc />
    protected override object?[] Values(HostVerificationFailedException exception) => [exception.Reason];

    /// <inheritdoc />
    protected override HostVerificationFailedException Restore(object?[] values, Exception? inner) => new((string)values[0]!);
}
