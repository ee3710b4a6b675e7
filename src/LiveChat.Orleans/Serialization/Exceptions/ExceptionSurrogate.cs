namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>
/// The wire form of a core exception a grain raised (feature X7): the values its constructor takes, each with its own
/// codec, its inner exception and its stack trace, so the caller's silo raises the same exception with the same values.
/// </summary>
[GenerateSerializer]
[Alias("livechat.exception")]
internal struct ExceptionSurrogate
{
    /// <summary>The constructor's arguments, in its order (without the inner exception).</summary>
    [Id(0)]
    public object?[] Values;

    /// <summary>The inner exception, if any.</summary>
    [Id(1)]
    public Exception? Inner;

    /// <summary>Where it was thrown in the grain's silo, kept as the remote stack trace; null when it was never thrown.</summary>
    [Id(2)]
    public string? StackTrace;
}
