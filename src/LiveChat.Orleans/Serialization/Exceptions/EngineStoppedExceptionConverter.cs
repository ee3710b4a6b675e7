using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="EngineStoppedException"/> across grain boundaries (a silo whose engine was disposed refused a command).</summary>
[RegisterConverter]
internal sealed class EngineStoppedExceptionConverter : ExceptionConverter<EngineStoppedException>
{
    /// <inheritdoc />
    protected override object?[] Values(EngineStoppedException exception) => [];

    /// <inheritdoc />
    protected override EngineStoppedException Restore(object?[] values, Exception? inner) => new();
}
