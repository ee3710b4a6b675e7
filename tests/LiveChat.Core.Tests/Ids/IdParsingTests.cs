using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using Xunit;

namespace LiveChat.Core.Tests.Ids;

/// <summary>
/// Ids bind from routes and JSON (issue 15, item 5): each has one string form that <see cref="IParsable{TSelf}"/> and its
/// System.Text.Json converter read back, and the default struct is never written.
/// </summary>
public sealed class IdParsingTests
{
    private static readonly Guid Sample = Guid.Parse("0190a8e4-7b1c-7d2e-9f00-123456789abc");

    [Fact]
    public void ConversationId_ToString_IsTheDFormat_AndParseReadsItBack()
    {
        var id = new ConversationId(Sample);

        id.ToString().Should().Be("0190a8e4-7b1c-7d2e-9f00-123456789abc");
        ConversationId.Parse(id.ToString(), CultureInfo.InvariantCulture).Should().Be(id);
        ConversationId.TryParse(Sample.ToString("N"), CultureInfo.InvariantCulture, out _).Should().BeFalse("there is one string form");
        ConversationId.TryParse(Guid.Empty.ToString("D"), CultureInfo.InvariantCulture, out _).Should().BeFalse("the empty Guid is no conversation");
        FluentActions.Invoking(() => ConversationId.Parse("nope", CultureInfo.InvariantCulture)).Should().Throw<FormatException>();
    }

    [Fact]
    public void GuidIds_WithWhiteSpaceAround_AreRefused()
    {
        // The platform's Guid parser trims; the one string form has no white space (outside checker, issue 15).
        foreach (var text in new[] { " " + Sample.ToString("D"), Sample.ToString("D") + "\n", "\t" + Sample.ToString("D") + " " })
        {
            ConversationId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            ContactId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            FluentActions.Invoking(() => JsonSerializer.Deserialize<ConversationId>(JsonSerializer.Serialize(text))).Should().Throw<JsonException>();
        }
    }

    [Fact]
    public void Ids_RoundTripThroughIParsableAndJson()
    {
        RoundTrip(new WorkspaceId("acme"));
        RoundTrip(new AgentId("alice@acme"));
        RoundTrip(new TeamId("sales"));
        RoundTrip(new ConversationId(Sample));
        RoundTrip(new ContactId(Sample));
        RoundTrip(new CrmRecordId("lead-42"));
    }

    [Fact]
    public void StringIds_Parse_RefusesWhatTheConstructorRefuses()
    {
        foreach (var text in new[] { string.Empty, "   ", new string('a', WorkspaceId.MaxLength + 1), "nul\0", "lone \uD800" })
        {
            WorkspaceId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            AgentId.TryParse(text, CultureInfo.InvariantCulture, out _).Should().BeFalse();
            FluentActions.Invoking(() => TeamId.Parse(text, CultureInfo.InvariantCulture)).Should().Throw<FormatException>();
        }
    }

    [Fact]
    public void Json_DefaultIdOrMalformedText_IsRefused()
    {
        FluentActions.Invoking(() => JsonSerializer.Serialize(default(ConversationId))).Should().Throw<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Serialize(default(AgentId))).Should().Throw<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<WorkspaceId>("\"\"")).Should().Throw<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<ConversationId>("42")).Should().Throw<JsonException>();
        JsonSerializer.Serialize(new Dictionary<AgentId, int> { [new AgentId("bob")] = 1 }).Should().Be("{\"bob\":1}");
    }

    private static void RoundTrip<T>(T id)
        where T : struct, ISpanParsable<T>
    {
        var text = id.ToString()!;
        T.Parse(text, CultureInfo.InvariantCulture).Should().Be(id);
        T.Parse(text.AsSpan(), CultureInfo.InvariantCulture).Should().Be(id);
        T.TryParse(text, CultureInfo.InvariantCulture, out var parsed).Should().BeTrue();
        parsed.Should().Be(id);
        var json = JsonSerializer.Serialize(id);
        json.Should().Be(JsonSerializer.Serialize(text));
        JsonSerializer.Deserialize<T>(json).Should().Be(id);
    }
}
