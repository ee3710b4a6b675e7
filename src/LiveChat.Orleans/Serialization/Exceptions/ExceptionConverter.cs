using System.Runtime.ExceptionServices;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>
/// Carries a core exception across grain boundaries (feature X7) as the arguments of its public constructor, so it
/// arrives as the same type with the same values and message, instead of Orleans' fallback for exception types outside
/// its known namespaces. The grain's stack trace arrives as the remote stack trace.
/// </summary>
/// <typeparam name="T">The exception.</typeparam>
internal abstract class ExceptionConverter<T> : IConverter<T, ExceptionSurrogate>
    where T : Exception
{
    /// <inheritdoc />
    public T ConvertFromSurrogate(in ExceptionSurrogate surrogate)
    {
        var exception = Restore(surrogate.Values, surrogate.Inner);
        if (surrogate.StackTrace is { } trace)
        {
            ExceptionDispatchInfo.SetRemoteStackTrace(exception, trace);
        }

        return exception;
    }

    /// <inheritdoc />
    public ExceptionSurrogate ConvertToSurrogate(in T value)
        => new() { Values = Values(value), Inner = value.InnerException, StackTrace = value.StackTrace };

    /// <summary>The constructor's arguments for <paramref name="exception"/>, in its order.</summary>
    protected abstract object?[] Values(T exception);

    /// <summary>The exception built again from <see cref="Values"/>.</summary>
    protected abstract T Restore(object?[] values, Exception? inner);
}
