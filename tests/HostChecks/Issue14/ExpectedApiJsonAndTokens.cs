// ExpectedApi: checks written against API or behaviour the fix may add, not in 0.1.0-main.1. Adapt names if the fix
// chose others. Build without this file: -p:ExcludeExpectedApi=true.
//
// Compiles against 0.1.0-main.1; the behaviour is what the fix is assumed to add.
// Assumptions:
//  * Every public id type (WorkspaceId, AgentId, TeamId, ConversationId, ContactId, CrmRecordId) implements
//    IParsable<T> (static Parse/TryParse with an IFormatProvider), so hosts can bind ids from routes and query strings;
//    Parse refuses what the constructor refuses (FormatException or ArgumentException), TryParse returns false.
//  * Ids round-trip through System.Text.Json as one JSON string (like the store's own TextConverter), and reading an
//    invalid value (empty string, {}, null for a struct) throws instead of yielding a default id.
//  * VisitorToken.ToString() does not reveal the secret (it is a password; records that hold it, such as
//    StartedConversation, print it through ToString); the secret stays available through .Value.
using System.Text.Json;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Issue14.Checks;

public class ExpectedApiJsonAndTokens
{
    [Fact]
    public void ExpectedApi_ids_round_trip_through_System_Text_Json()
    {
        // Whatever the JSON shape, serialize then deserialize gives the same id.
        Same(new WorkspaceId("acme"));
        Same(new AgentId("alice"));
        Same(new TeamId("sales"));
        Same(new CrmRecordId("lead-1"));
        Same(new ConversationId(Guid.CreateVersion7()));
        Same(new ContactId(Guid.CreateVersion7()));
        var dto = new HostDto(new WorkspaceId("acme"), new AgentId("alice"), new ConversationId(Guid.CreateVersion7()));
        JsonSerializer.Deserialize<HostDto>(JsonSerializer.Serialize(dto)).Should().Be(dto);
    }

    private static void Same<T>(T id) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(id)).Should().Be(id);

    [Fact]
    public void ExpectedApi_ids_round_trip_through_System_Text_Json_as_strings()
    {
        RoundTrip(new WorkspaceId("acme"), "\"acme\"");
        RoundTrip(new AgentId("alice"), "\"alice\"");
        RoundTrip(new TeamId("sales"), "\"sales\"");
        RoundTrip(new CrmRecordId("lead-1"), "\"lead-1\"");
        var conv = new ConversationId(Guid.CreateVersion7());
        RoundTrip(conv, JsonSerializer.Serialize(conv.ToString()));
        var contact = new ContactId(Guid.CreateVersion7());
        RoundTrip(contact, JsonSerializer.Serialize(contact.ToString()));
        // Inside a host DTO too.
        var dto = new HostDto(new WorkspaceId("acme"), new AgentId("alice"), conv);
        JsonSerializer.Deserialize<HostDto>(JsonSerializer.Serialize(dto)).Should().Be(dto);
    }

    public sealed record HostDto(WorkspaceId Workspace, AgentId Agent, ConversationId Conversation);

    private static void RoundTrip<T>(T id, string expectedJson)
    {
        var json = JsonSerializer.Serialize(id);
        json.Should().Be(expectedJson, $"{typeof(T).Name} should be one JSON string");
        JsonSerializer.Deserialize<T>(json).Should().Be(id);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("{}")]
    [InlineData("{\"Value\":\"\"}")]
    [InlineData("null")]
    public void ExpectedApi_deserializing_an_invalid_id_throws_instead_of_making_a_default_one(string json)
    {
        // JSON is the host's own deserialization here: JsonException (or ArgumentException) is the right answer, but
        // never a silently default id that later passes into the SDK.
        foreach (var read in new Func<object>[]
        {
            () => JsonSerializer.Deserialize<WorkspaceId>(json),
            () => JsonSerializer.Deserialize<AgentId>(json),
            () => JsonSerializer.Deserialize<TeamId>(json),
            () => JsonSerializer.Deserialize<CrmRecordId>(json),
        })
        {
            object? value = null;
            Exception? error = null;
            try { value = read(); } catch (Exception e) { error = e; }
            if (error is null)
                throw new Xunit.Sdk.XunitException($"{json} was read as {value?.GetType().Name} {World.T(value?.ToString())} instead of being refused");
            error.Should().Match<Exception>(e => e is JsonException || e is ArgumentException);
        }
    }

    [Fact]
    public async Task ExpectedApi_VisitorToken_ToString_does_not_reveal_the_secret()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var started = await chat.Conversations.StartAsync(new WorkspaceId("acme"));
        var token = started.VisitorToken;
        token.Value.Should().NotBeNullOrWhiteSpace("the host still needs the secret to hand it to the browser");
        token.ToString().Should().NotContain(token.Value);
        $"{token}".Should().NotContain(token.Value);
        started.ToString().Should().NotContain(token.Value, "a logged StartedConversation must not leak the token");
        new VisitorToken(token.Value).ToString().Should().NotContain(token.Value);
    }
}
