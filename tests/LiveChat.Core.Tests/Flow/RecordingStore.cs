using System.Collections.Concurrent;
using System.Reflection;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Tests.Flow;

/// <summary>A <typeparamref name="TStore"/> that forwards to another and records the name of every call made to it.</summary>
public class RecordingStore<TStore> : DispatchProxy
    where TStore : class
{
    private TStore _inner = null!;

    public ConcurrentQueue<string> Calls { get; } = new();

    internal static (TStore Store, RecordingStore<TStore> Recorder) Create(TStore inner)
    {
        var store = Create<TStore, RecordingStore<TStore>>();
        var recorder = (RecordingStore<TStore>)(object)store;
        recorder._inner = inner;
        return (store, recorder);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.Enqueue(targetMethod.Name);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}

/// <summary>Makes <see cref="RecordingStore{TStore}"/>s.</summary>
public static class RecordingStore
{
    /// <summary>A store that forwards to <paramref name="inner"/>, and its recorder.</summary>
    public static (TStore Store, RecordingStore<TStore> Recorder) Over<TStore>(TStore inner)
        where TStore : class
        => RecordingStore<TStore>.Create(inner);
}

/// <summary>Recording <see cref="IConversationStore"/>s (see <see cref="RecordingStore{TStore}"/>).</summary>
public static class RecordingConversationStore
{
    public static (IConversationStore Store, RecordingStore<IConversationStore> Recorder) Over(IConversationStore inner) => RecordingStore.Over(inner);

    /// <summary>Puts a recording store over the embedded one in <paramref name="services"/>; the result gives the recorder once resolved.</summary>
    public static Func<RecordingStore<IConversationStore>> ReplaceIn(IServiceCollection services)
    {
        RecordingStore<IConversationStore>? recorder = null;
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var (store, recording) = Over(sp.GetRequiredService<InMemoryLiveChatStore>());
            recorder = recording;
            return store;
        }));
        return () => recorder ?? throw new InvalidOperationException("The store has not been resolved yet.");
    }
}
