using System.Collections.Concurrent;
using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LiveChat.Core.Tests.Routing;

/// <summary>Offer leases on their own (feature R7): the seat each offer holds, and an expiry that runs once, at the lease's end.</summary>
public sealed class OfferLeasesTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly BackgroundWork _work;
    private readonly ConcurrentQueue<ConversationId> _expired = new();
    private readonly OfferLeases _leases;
    private readonly ConversationId _conversation = new(Guid.NewGuid());

    public OfferLeasesTests()
    {
        _work = new BackgroundWork(_time, NullLogger<BackgroundWork>.Instance);
        _leases = new OfferLeases(_work, (id, _) =>
        {
            _expired.Enqueue(id);
            return Task.CompletedTask;
        }, "test leases");
    }

    [Fact]
    public async Task Arm_Lease_ExpiresOnceAtItsEnd()
    {
        _leases.Hold(_conversation, ordinal: 3, token: 7);
        _leases.Arm(_conversation, _time.GetUtcNow() + TimeSpan.FromSeconds(30));

        await AdvanceAsync(TimeSpan.FromSeconds(29));
        _expired.Should().BeEmpty();
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        await AdvanceAsync(TimeSpan.FromMinutes(1));

        _expired.Should().Equal(_conversation);
        _leases.TryGet(_conversation, out var held).Should().BeTrue("the expiry, not the timer, gives the seat back");
        held.Should().Be(new HeldOffer(3, 7));
    }

    [Fact]
    public async Task Remove_AnAcceptedOffer_GivesTheSeatBackAndNeverExpires()
    {
        _leases.Hold(_conversation, ordinal: 0, token: 1);
        _leases.Arm(_conversation, _time.GetUtcNow() + TimeSpan.FromSeconds(30));

        _leases.Remove(_conversation).Should().BeTrue();
        await AdvanceAsync(TimeSpan.FromMinutes(1));

        _expired.Should().BeEmpty();
        _leases.Count.Should().Be(0);
        _leases.Remove(_conversation).Should().BeFalse();
    }

    [Fact]
    public async Task Arm_ANewOfferForTheSameConversation_ReplacesTheLease()
    {
        _leases.Hold(_conversation, ordinal: 0, token: 1);
        _leases.Arm(_conversation, _time.GetUtcNow() + TimeSpan.FromSeconds(10));
        _leases.Hold(_conversation, ordinal: 1, token: 2);
        _leases.Arm(_conversation, _time.GetUtcNow() + TimeSpan.FromSeconds(30));

        await AdvanceAsync(TimeSpan.FromSeconds(20));
        _expired.Should().BeEmpty();
        await AdvanceAsync(TimeSpan.FromSeconds(10));

        _expired.Should().ContainSingle();
        _leases.Count.Should().Be(1);
    }

    [Fact]
    public async Task Arm_ALeaseAlreadyOver_ExpiresAtOnce()
    {
        _leases.Hold(_conversation, ordinal: 0, token: 1);
        _leases.Arm(_conversation, _time.GetUtcNow() - TimeSpan.FromSeconds(1));

        await AdvanceAsync(TimeSpan.Zero);

        _expired.Should().Equal(_conversation);
    }

    public async ValueTask DisposeAsync()
    {
        _leases.Dispose();
        await _work.DisposeAsync();
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await _work.WhenIdleAsync();
    }
}
