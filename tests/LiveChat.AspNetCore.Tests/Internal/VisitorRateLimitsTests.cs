using LiveChat.AspNetCore.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.AspNetCore.Tests.Internal;

/// <summary>The W7 windows on the host's clock: per connection, per IP, refusals take nothing, ended IP windows are swept.</summary>
public sealed class VisitorRateLimitsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryPost_PastTheConnectionsLimit_RefusedUntilTheWindowEnds()
    {
        var limits = Limits(perConnection: 3, perIp: 100);
        var connection = new FixedWindow();

        var results = Enumerable.Range(0, 5).Select(_ => limits.TryPost(connection, "10.0.0.1")).ToList();
        _time.Advance(TimeSpan.FromSeconds(9));
        var stillInWindow = limits.TryPost(connection, "10.0.0.1");
        _time.Advance(TimeSpan.FromSeconds(1));
        var nextWindow = limits.TryPost(connection, "10.0.0.1");

        results.Should().Equal(null, null, null, "posts per connection", "posts per connection");
        stillInWindow.Should().Be("posts per connection");
        nextWindow.Should().BeNull();
    }

    [Fact]
    public void TryPost_OneConnectionFloods_AnotherConnectionOfAnotherIpIsNotLimited()
    {
        var limits = Limits(perConnection: 2, perIp: 100);
        var flooder = new FixedWindow();
        for (var i = 0; i < 50; i++)
        {
            limits.TryPost(flooder, "10.0.0.1");
        }

        limits.TryPost(new FixedWindow(), "10.0.0.2").Should().BeNull();
    }

    [Fact]
    public void TryPost_ManyConnectionsOfOneIp_RefusedByTheIpLimit()
    {
        var limits = Limits(perConnection: 100, perIp: 4);

        var results = Enumerable.Range(0, 6).Select(_ => limits.TryPost(new FixedWindow(), "10.0.0.1")).ToList();

        results.Should().Equal(null, null, null, null, "posts per IP", "posts per IP");
    }

    [Fact]
    public void TryStart_PastTheIpLimit_RefusedAndAnEndedWindowIsSweptAfterOneWindow()
    {
        var limits = Limits(perConnection: 10, perIp: 10, starts: 2);

        var results = Enumerable.Range(0, 3).Select(_ => limits.TryStart("10.0.0.1")).ToList();
        limits.TryStart("10.0.0.2");
        _time.Advance(TimeSpan.FromSeconds(10));
        var afterWindow = limits.TryStart("10.0.0.3");

        results.Should().Equal(null, null, "starts per IP");
        afterWindow.Should().BeNull();
        limits.IpWindows.Should().Be(1, "the two ended windows were swept, the new one stays");
    }

    private VisitorRateLimits Limits(int perConnection, int perIp, int starts = 10) => new(
        Options.Create(new LiveChatAspNetCoreOptions
        {
            PostsPerConnection = perConnection,
            PostsPerIp = perIp,
            StartsPerIp = starts,
            RateLimitWindow = TimeSpan.FromSeconds(10),
        }),
        _time);
}
