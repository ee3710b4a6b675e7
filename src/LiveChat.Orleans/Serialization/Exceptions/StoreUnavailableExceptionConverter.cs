using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="StoreUnavailableException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class StoreUnavailableExceptionConverter : ExceptionConverter<StoreUnavailableException>
{
    /// <inheritdoc />
    protected override object?[] Values(StoreUnavailableException exception) => [exception.Operation];

    /// <inheritdoc />
    protected override StoreUnavailableException Restore(object?[] values, Exception? inner) => new((string)values[0]!, inner!);
}
