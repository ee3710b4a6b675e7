using LiveChat.Core.Email;
using LiveChat.Core.Testing.Storage;

namespace LiveChat.Core.Tests.Storage;

/// <summary>The in-memory outbox runs the e-mail store compliance suite every adapter runs.</summary>
public sealed class InMemoryEmailStoreComplianceTests : EmailStoreComplianceTests
{
    protected override ValueTask<(IEmailStore Store, Func<ValueTask> Dispose)> CreateStoreAsync()
        => ValueTask.FromResult<(IEmailStore, Func<ValueTask>)>((new InMemoryEmailStore(), () => ValueTask.CompletedTask));
}
