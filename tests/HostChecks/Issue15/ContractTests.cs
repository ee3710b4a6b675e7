using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluentAssertions;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Issue15;

public record IdDto(ConversationId Conversation, WorkspaceId Workspace, AgentId Agent, TeamId Team, ContactId Contact, CrmRecordId Record);

public class ContractTests(ITestOutputHelper output)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    static void RoundTrip<T>(T value) where T : ISpanParsable<T>
    {
        var text = value!.ToString()!;
        T.Parse(text, Inv).Should().Be(value, $"{typeof(T).Name} '{text}' parses back");
        T.TryParse(text, Inv, out var parsed).Should().BeTrue();
        parsed.Should().Be(value);
        T.Parse(text.AsSpan(), Inv).Should().Be(value);
        T.TryParse(text.AsSpan(), Inv, out var parsedSpan).Should().BeTrue();
        parsedSpan.Should().Be(value);
        var json = JsonSerializer.Serialize(value);
        json.Should().Be(JsonSerializer.Serialize(text), $"{typeof(T).Name} is written as its one string form");
        JsonSerializer.Deserialize<T>(json).Should().Be(value);
        var dict = new Dictionary<T, int> { [value] = 1 };
        var djson = JsonSerializer.Serialize(dict);
        djson.Should().Be("{" + JsonSerializer.Serialize(text) + ":1}");
        JsonSerializer.Deserialize<Dictionary<T, int>>(djson)!.Single().Key.Should().Be(value);
    }

    [Fact]
    public void Ids_are_span_parsable_and_round_trip_through_one_string_form_and_json()
    {
        RoundTrip(new ConversationId(Guid.NewGuid()));
        RoundTrip(new ContactId(Guid.NewGuid()));
        RoundTrip(new WorkspaceId("acme"));
        RoundTrip(new WorkspaceId("Acmé Ltd / 東京"));
        RoundTrip(new AgentId("alice@acme"));
        RoundTrip(new TeamId("support"));
        RoundTrip(new CrmRecordId("lead-42"));
        var g = Guid.NewGuid();
        new ConversationId(g).ToString().Should().Be(g.ToString("D"));
        new ContactId(g).ToString().Should().Be(g.ToString("D"));
    }

    [Fact]
    public void Id_dto_round_trips_through_default_System_Text_Json_without_registering_anything()
    {
        var dto = new IdDto(new ConversationId(Guid.NewGuid()), new WorkspaceId("acme"), new AgentId("alice"), new TeamId("sales"),
            new ContactId(Guid.NewGuid()), new CrmRecordId("r-1"));
        var json = JsonSerializer.Serialize(dto, JsonSerializerOptions.Web);
        output.WriteLine(json);
        json.Should().Contain($"\"conversation\":\"{dto.Conversation.Value:D}\"").And.Contain("\"workspace\":\"acme\"");
        JsonSerializer.Deserialize<IdDto>(json, JsonSerializerOptions.Web).Should().Be(dto);
    }

    [Fact]
    public void ConversationId_parse_accepts_only_its_one_string_form()
    {
        var g = Guid.NewGuid();
        // "one string form": the docs say the Guid's "D" format. Record what the other Guid formats do.
        var results = new[] { "N", "B", "P", "X" }.ToDictionary(f => f, f => ConversationId.TryParse(g.ToString(f), Inv, out _));
        output.WriteLine(string.Join(", ", results.Select(r => $"{r.Key}:{r.Value}")));
        ConversationId.TryParse(g.ToString("D").ToUpperInvariant(), Inv, out var upper).Should().BeTrue();
        upper.Value.Should().Be(g);
        results.Values.Should().AllSatisfy(v => v.Should().BeFalse("a second accepted form is not 'one string form'"));
    }

    public static TheoryData<string?> BadConversationIds => new()
    {
        null, "", " ", "not-a-guid", "00000000-0000-0000-0000-000000000000", "0190a8e4-7b1c-7d2e-9f00-123456789abc\0",
        "0190a8e4-7b1c-7d2e-9f00-123456789abcd", " 0190a8e4-7b1c-7d2e-9f00-123456789abc", "0190a8e4-7b1c-7d2e-9f00-123456789abc\n", new string('a', 100_000),
    };

    [Theory]
    [MemberData(nameof(BadConversationIds))]
    public void Malformed_conversation_ids_are_refused_by_Parse_TryParse_and_Json(string? text)
    {
        ConversationId.TryParse(text, Inv, out _).Should().BeFalse();
        ConversationId.TryParse(text.AsSpan(), Inv, out _).Should().BeFalse();
        var parse = () => ConversationId.Parse(text!, Inv);
        if (text is null) parse.Should().Throw<ArgumentNullException>();
        else parse.Should().Throw<FormatException>();
        var json = text is null ? "null" : JsonSerializer.Serialize(text);
        var read = () => JsonSerializer.Deserialize<ConversationId>(json);
        read.Should().Throw<JsonException>();
        var readDto = () => JsonSerializer.Deserialize<Dictionary<string, ConversationId>>("{\"c\":" + json + "}");
        readDto.Should().Throw<JsonException>();
    }

    public static TheoryData<string?> BadKeys => new()
    {
        null, "", " ", "\t", new string('w', WorkspaceId.MaxLength + 1), "acme\0", new string('x', 1_000_000),
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Malformed_workspace_and_agent_ids_are_refused(string? text)
    {
        WorkspaceId.TryParse(text, Inv, out _).Should().BeFalse();
        AgentId.TryParse(text, Inv, out _).Should().BeFalse();
        TeamId.TryParse(text, Inv, out _).Should().BeFalse();
        if (text is not null)
        {
            ((Action)(() => WorkspaceId.Parse(text, Inv))).Should().Throw<FormatException>();
            ((Action)(() => AgentId.Parse(text, Inv))).Should().Throw<FormatException>();
            ((Action)(() => new WorkspaceId(text))).Should().Throw<ArgumentException>();
            ((Func<AgentId>)(() => JsonSerializer.Deserialize<AgentId>(JsonSerializer.Serialize(text)))).Should().Throw<JsonException>();
            ((Func<WorkspaceId>)(() => JsonSerializer.Deserialize<WorkspaceId>(JsonSerializer.Serialize(text)))).Should().Throw<JsonException>();
        }
        ((Func<WorkspaceId>)(() => JsonSerializer.Deserialize<WorkspaceId>("42"))).Should().Throw<JsonException>();
        ((Func<WorkspaceId>)(() => JsonSerializer.Deserialize<WorkspaceId>("{}"))).Should().Throw<JsonException>();
    }

    [Fact]
    public void Ids_with_a_lone_surrogate_are_refused()
    {
        var s = "a" + (char)0xD800 + "b";
        WorkspaceId.TryParse(s, Inv, out _).Should().BeFalse();
        AgentId.TryParse(s, Inv, out _).Should().BeFalse();
        ((Action)(() => new WorkspaceId(s))).Should().Throw<ArgumentException>();
        ((Func<AgentId>)(() => JsonSerializer.Deserialize<AgentId>("\"a\\ud800b\""))).Should().Throw<JsonException>();
    }

    [Fact]
    public void Writing_a_default_id_to_json_is_refused()
    {
        ((Func<string>)(() => JsonSerializer.Serialize(default(ConversationId)))).Should().Throw<Exception>();
        ((Func<string>)(() => JsonSerializer.Serialize(default(WorkspaceId)))).Should().Throw<Exception>();
    }

    [Fact]
    public async Task VisitorToken_ToString_and_records_holding_it_are_redacted()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var started = await chat.Conversations.StartAsync(new WorkspaceId("acme"));
        var secret = started.VisitorToken.Value;
        secret.Should().NotBeNullOrEmpty();
        started.VisitorToken.ToString().Should().NotContain(secret);
        $"{started.VisitorToken}".Should().NotContain(secret);
        started.ToString().Should().NotContain(secret, "a record printing its members must not leak the token");
        output.WriteLine(started.VisitorToken.ToString());
        var hash = started.Conversation.VisitorTokenHash;
        output.WriteLine("Conversation.ToString(): " + started.Conversation);
        if (hash is not null) started.Conversation.ToString().Should().NotContain(hash, "the stored hash printed in logs is an offline-guessable secret derivative");
    }

    static readonly Dictionary<LiveChatErrorCategory, int> Http = new()
    {
        [LiveChatErrorCategory.NotFound] = 404, [LiveChatErrorCategory.Conflict] = 409, [LiveChatErrorCategory.Forbidden] = 403,
        [LiveChatErrorCategory.Invalid] = 400, [LiveChatErrorCategory.Unavailable] = 503,
    };

    [Fact]
    public void Every_public_LiveChatException_type_has_a_category_that_maps_to_an_http_status()
    {
        Enum.GetValues<LiveChatErrorCategory>().Should().BeEquivalentTo(Http.Keys);
        foreach (var (c, s) in Http) c.ToHttpStatusCode().Should().Be(s);

        var types = typeof(LiveChatException).Assembly.GetExportedTypes()
            .Concat(Assembly.Load("LiveChat.Storage.Sqlite").GetExportedTypes())
            .Concat(Assembly.Load("LiveChat.Storage.PostgreSql").GetExportedTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        var report = new List<string>();
        foreach (var t in types)
        {
            var e = (Exception)RuntimeHelpers.GetUninitializedObject(t);
            var category = LiveChatException.CategoryOf(e);
            report.Add($"{t.Name} : {t.BaseType!.Name} -> {category?.ToString() ?? "NONE"}");
            category.Should().NotBeNull($"{t.Name} is an SDK exception a host must map");
        }
        output.WriteLine(string.Join("\n", report));
        var expected = new Dictionary<string, LiveChatErrorCategory>
        {
            ["ConversationNotFoundException"] = LiveChatErrorCategory.NotFound, ["AgentNotFoundException"] = LiveChatErrorCategory.NotFound,
            ["TeamNotFoundException"] = LiveChatErrorCategory.NotFound, ["OfferNotFoundException"] = LiveChatErrorCategory.NotFound,
            ["ContactNotFoundException"] = LiveChatErrorCategory.NotFound,
            ["ConversationEndedException"] = LiveChatErrorCategory.Conflict, ["ConversationAlreadyClaimedException"] = LiveChatErrorCategory.Conflict,
            ["OfferExpiredException"] = LiveChatErrorCategory.Conflict, ["IdempotencyConflictException"] = LiveChatErrorCategory.Conflict,
            ["AgentCapacityExceededException"] = LiveChatErrorCategory.Conflict,
            ["NotAssignedAgentException"] = LiveChatErrorCategory.Forbidden, ["SenderNotAllowedException"] = LiveChatErrorCategory.Forbidden,
            ["HostVerificationFailedException"] = LiveChatErrorCategory.Forbidden,
            ["StoreUnavailableException"] = LiveChatErrorCategory.Unavailable, ["StoreSchemaException"] = LiveChatErrorCategory.Unavailable,
            ["MessageTooLongException"] = LiveChatErrorCategory.Invalid, ["InvalidEmailAddressException"] = LiveChatErrorCategory.Invalid,
            ["PlaybookValidationException"] = LiveChatErrorCategory.Invalid, ["NoEmailAddressException"] = LiveChatErrorCategory.Invalid,
            ["EmailSenderNotConfiguredException"] = LiveChatErrorCategory.Invalid,
        };
        foreach (var (name, cat) in expected)
        {
            var t = types.Single(t => t.Name == name);
            LiveChatException.CategoryOf((Exception)RuntimeHelpers.GetUninitializedObject(t)).Should().Be(cat, $"docs' Errors table for {name}");
        }
        LiveChatException.CategoryOf(new ArgumentException("x")).Should().Be(LiveChatErrorCategory.Invalid);
        LiveChatException.CategoryOf(new OperationCanceledException()).Should().BeNull();
        LiveChatException.CategoryOf(new InvalidOperationException()).Should().BeNull();
    }

    [Fact]
    public async Task Real_refusals_carry_the_documented_categories()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        var globex = new WorkspaceId("globex");
        var alice = new AgentId("alice");
        var bob = new AgentId("bob");
        await chat.Agents.RegisterAsync(acme, new AgentRegistration(alice, "Alice", 3));
        await chat.Agents.RegisterAsync(acme, new AgentRegistration(bob, "Bob", 3));
        await chat.Agents.SetStatusAsync(acme, alice, AgentStatus.Online);
        var (c, token) = await chat.Conversations.StartAsync(acme);

        async Task<LiveChatErrorCategory?> Cat(Func<Task> call)
        {
            try { await call(); return null; }
            catch (Exception e) { output.WriteLine($"{e.GetType().Name}: {e.Message}"); return LiveChatException.CategoryOf(e); }
        }

        (await Cat(async () => await chat.Conversations.GetAsync(acme, new ConversationId(Guid.NewGuid())))).Should().Be(LiveChatErrorCategory.NotFound);
        (await Cat(async () => await chat.Conversations.GetAsync(globex, c.Id))).Should().Be(LiveChatErrorCategory.NotFound, "another workspace's conversation is not found");
        (await Cat(async () => await chat.Visitors.PostAsync(globex, c.Id, token, "hi"))).Should().Be(LiveChatErrorCategory.NotFound);
        (await Cat(async () => await chat.Conversations.ClaimAsync(globex, c.Id, alice))).Should().Be(LiveChatErrorCategory.NotFound);
        (await Cat(async () => await chat.Visitors.PostAsync(acme, c.Id, new VisitorToken(new string('A', 43)), "hi"))).Should().Be(LiveChatErrorCategory.NotFound);
        (await Cat(async () => await chat.Visitors.PostAsync(acme, c.Id, token, new string('x', 1_000_000)))).Should().Be(LiveChatErrorCategory.Invalid);
        (await Cat(async () => await chat.Visitors.PostAsync(acme, c.Id, token, "a\0b"))).Should().Be(LiveChatErrorCategory.Invalid);
        (await chat.Conversations.GetMessagesAsync(acme, c.Id)).Should().BeEmpty("nothing refused was stored");
        await chat.Conversations.ClaimAsync(acme, c.Id, alice);
        (await Cat(async () => await chat.Conversations.PostAgentMessageAsync(acme, c.Id, bob, "mine"))).Should().Be(LiveChatErrorCategory.Forbidden);
        (await Cat(async () => await chat.Conversations.ClaimAsync(acme, c.Id, bob))).Should().Be(LiveChatErrorCategory.Conflict);
        await chat.Conversations.EndAsync(acme, c.Id, alice);
        (await Cat(async () => await chat.Visitors.PostAsync(acme, c.Id, token, "hello?"))).Should().Be(LiveChatErrorCategory.Conflict);
    }

    [Fact]
    public async Task Minimal_api_binds_ids_from_route_and_maps_errors_to_problem_details_in_one_line()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddLiveChat();
        await using var app = builder.Build();
        app.MapGet("/w/{workspace}/chats/{conversationId}", async (WorkspaceId workspace, ConversationId conversationId, LiveChatEngine chat) =>
        {
            try
            {
                var c = await chat.Conversations.GetAsync(workspace, conversationId);
                return Results.Ok(new { c.Id, c.Workspace, c.Number });
            }
            catch (Exception e) when (LiveChatException.CategoryOf(e) is { } category)
            {
                return Results.Problem(e.Message, statusCode: category.ToHttpStatusCode());
            }
        });
        app.MapGet("/w/{workspace}/agents/{agentId}", (WorkspaceId workspace, AgentId agentId) => Results.Ok(new { workspace, agentId }));
        app.MapPost("/echo", (IdDto dto) => Results.Ok(dto));
        await app.StartAsync();
        var baseUrl = app.Urls.First();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var chat = app.Services.GetRequiredService<LiveChatEngine>();
        var (c, _) = await chat.Conversations.StartAsync(new WorkspaceId("acme"));

        var ok = await http.GetAsync($"/w/acme/chats/{c.Id}");
        var okBody = await ok.Content.ReadAsStringAsync();
        output.WriteLine(okBody);
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        okBody.Should().Contain($"\"id\":\"{c.Id.Value:D}\"").And.Contain("\"workspace\":\"acme\"");

        var other = await http.GetAsync($"/w/globex/chats/{c.Id}");
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        other.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        (await http.GetAsync($"/w/acme/chats/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.GetAsync("/w/acme/chats/not-a-guid")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.GetAsync($"/w/{new string('w', 200)}/chats/{c.Id}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.GetAsync("/w/acme/agents/%20")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var agent = await http.GetAsync("/w/acme/agents/alice%40acme");
        (await agent.Content.ReadAsStringAsync()).Should().Contain("\"agentId\":\"alice@acme\"");

        var dto = new IdDto(c.Id, new WorkspaceId("acme"), new AgentId("alice"), new TeamId("t"), new ContactId(Guid.NewGuid()), new CrmRecordId("r"));
        var echo = await http.PostAsJsonAsync("/echo", dto);
        echo.StatusCode.Should().Be(HttpStatusCode.OK);
        (await echo.Content.ReadFromJsonAsync<IdDto>()).Should().Be(dto);
        var badEcho = await http.PostAsync("/echo", new StringContent(
            "{\"conversation\":\"nope\",\"workspace\":\"acme\",\"agent\":\"a\",\"team\":\"t\",\"contact\":\"" + Guid.NewGuid() + "\",\"record\":\"r\"}",
            System.Text.Encoding.UTF8, "application/json"));
        badEcho.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await app.StopAsync();
    }
}
