using LiveChat.Core.Storage;
using LiveChat.Core.Testing.Storage;

namespace LiveChat.Core.Tests.Storage;

/// <summary>The embedded store runs the same compliance suite every durable adapter must pass.</summary>
public sealed class InMemoryLiveChatStoreComplianceTests : StoreComplianceTests
{
    protected override ValueTask<StoreUnderTest> CreateStoreAsync() => ValueTask.FromResult(StoreUnderTest.For(new InMemoryLiveChatStore()));
}
