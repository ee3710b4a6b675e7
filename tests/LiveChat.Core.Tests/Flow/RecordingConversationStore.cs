using System.Collections.Concurrent;
using System.Reflection;
using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Tests.Flow;

/// <summary>An <see cref="IConversationStore"/> that forwards to another and records the name of every call made to it.</summary>
public class RecordingConversationStore : DispatchProxy
{
    private IConversationStore _inner = null!;

    public ConcurrentQueue<string> Calls { get; } = new();

    public static (IConversationStore Store, RecordingConversationStore Recorder) Over(IConversationStore inner)
    {
        var store = Create<IConversationStore, RecordingConversationStore>();
        var recorder = (RecordingConversationStore)(object)store;
        recorder._inner = inner;
        return (store, recorder);
    }

    /// <summary>Puts a recording store over the embedded one in <paramref name="services"/>; the result gives the recorder once resolved.</summary>
    public static Func<RecordingConversationStore> ReplaceIn(IServiceCollection services)
    {
        RecordingConversationStore? recorder = null;
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var (store, recording) = Over(sp.GetRequiredService<InMemoryLiveChatStore>());
            recorder = recording;
            return store;
        }));
        return () => recorder ?? throw new InvalidOperationException("The store has not been resolved yet.");
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
