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
        => new() { Values = Values(value), Inner = Portable(value.InnerException), StackTrace = value.StackTrace };

    /// <summary>
    /// The inner exception in a form Orleans can carry: as it is when every exception of its chain is the core's (each has
    /// a converter) or .NET's (Orleans' exception codec carries the System and Microsoft namespaces); otherwise, such as
    /// a driver's <c>Npgsql.PostgresException</c>, for which Orleans has no codec and the caller would get a
    /// <c>CodecNotFoundException</c> instead of the core exception, an <see cref="Exception"/> whose message names each
    /// exception of the chain with its message.
    /// </summary>
    internal static Exception? Portable(Exception? inner)
    {
        var carried = true;
        for (var e = inner; e is not null; e = e.InnerException)
        {
            carried &= e is LiveChat.Core.LiveChatException or ClusterUnavailableException
                || (e is not AggregateException && e.GetType().Namespace is { } space
                    && (space == "System" || space.StartsWith("System.", StringComparison.Ordinal) || space.StartsWith("Microsoft.", StringComparison.Ordinal)));
        }

        if (carried)
        {
            return inner;
        }

        var chain = new List<string>();
        for (var e = inner; e is not null; e = e.InnerException)
        {
            chain.Add($"{e.GetType().FullName}: {e.Message}");
        }

#pragma warning disable CA2201 // A plain exception is what every silo can decode; it is carried, never thrown on its own.
        return new Exception(string.Join(" ---> ", chain));
#pragma warning restore CA2201
    }

    /// <summary>The constructor's arguments for <paramref name="exception"/>, in its order.</summary>
    protected abstract object?[] Values(T exception);

    /// <summary>The exception built again from <see cref="Values"/>.</summary>
    protected abstract T Restore(object?[] values, Exception? inner);
}
