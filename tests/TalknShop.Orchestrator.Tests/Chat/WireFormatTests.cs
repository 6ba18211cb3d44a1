using System.Text;
using System.Text.Json;
using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Chat;
using TalknShop.Orchestrator.Chat.Wire;
using TalknShop.Orchestrator.Turns.Events;

namespace TalknShop.Orchestrator.Tests.Chat;

public sealed class WireFormatTests
{
    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new UtcTimestampConverter() } };
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.FromHours(2));

    public static TheoryData<string, object, string> ServerEvents => new()
    {
        { "connected", new ConnectedData("sess_1", "Connected to TalknShop orchestrator", Now, false, "INITIAL", null, 0), "session_id,message,server_time,resumed,workflow_stage,pending_clarification,last_seq" },
        { "thinking", new ThinkingData("Working on it…"), "message,restarted" },
        { "thinking", new ThinkingData("I was interrupted, so I'm starting that answer again.", "msg-1", Restarted: true), "message,client_message_id,restarted" },
        { "progress", new ProgressData("SearchMarketplaces", "SEARCHING", "Searching Amazon…"), "step,stage,message" },
        { "token", new TokenData("I found", false), "content,is_complete" },
        { "clarification", new ClarificationData("What's your budget?", ["Under $500"], "budget"), "question,suggestions,context" },
        { "results", new ResultsData(new SearchResults([], 0, new RequirementSpec { ProductType = "laptop" }, "None found.", ["amazon"], [])), "products,total_count,requirement_spec,final_response,marketplaces_searched,failed_sources" },
        { "done", new DoneData("Search completed", "sess_1", "completed"), "message,session_id,status" },
        { "error", new ErrorData("Bad", "invalid_json", null, true), "error,code,details,recoverable" },
        { "ping", new PingData(Now), "timestamp" },
        { "pong", new PongData(Now), "timestamp" },
    };

    [Theory]
    [MemberData(nameof(ServerEvents))]
    public void ServerEvent_SerializesToEnvelopeWithSnakeCaseData(string type, object payload, string fields)
    {
        var data = (EventData)payload;
        var bytes = EventFrames.Create(data, Now, "sess_1", seq: 7, turnId: "turn_1");
        var root = JsonDocument.Parse(bytes).RootElement;

        Assert.Equal(type, data.Type);
        Assert.Equal(type, root.GetProperty("type").GetString());
        Assert.Equal("2026-11-25T08:00:00.123Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("sess_1", root.GetProperty("session_id").GetString());
        Assert.Equal(7, root.GetProperty("seq").GetInt64());
        Assert.Equal("turn_1", root.GetProperty("turn_id").GetString());
        Assert.Equal(fields.Split(','), root.GetProperty("data").EnumerateObject().Select(p => p.Name));

        // Round trip: the data object reads back into the same record.
        var back = root.GetProperty("data").Deserialize(data.GetType(), ReadOptions);
        Assert.Equal(JsonSerializer.Serialize(data, data.GetType(), ServerEventJsonContext.Default), JsonSerializer.Serialize(back, data.GetType(), ServerEventJsonContext.Default));
    }

    /// <summary>Whole frames, byte for byte, as docs/protocol.md shows them: the envelope's field order included.</summary>
    public static TheoryData<object, long?, string?, string> Frames => new()
    {
        { new ThinkingData("Working on it", "m-1"), 3, "turn_1", """{"type":"thinking","data":{"message":"Working on it","client_message_id":"m-1","restarted":false},"timestamp":"2026-11-25T08:00:00.123Z","session_id":"sess_1","seq":3,"turn_id":"turn_1"}""" },
        { new ProgressData("SearchMarketplaces", "SEARCHING", "Searching…"), 4, "turn_1", """{"type":"progress","data":{"step":"SearchMarketplaces","stage":"SEARCHING","message":"Searching\u2026"},"timestamp":"2026-11-25T08:00:00.123Z","session_id":"sess_1","seq":4,"turn_id":"turn_1"}""" },
        { new ClarificationData("What's your budget?", ["Under $500"], "budget"), 5, "turn_1", """{"type":"clarification","data":{"question":"What\u0027s your budget?","suggestions":["Under $500"],"context":"budget"},"timestamp":"2026-11-25T08:00:00.123Z","session_id":"sess_1","seq":5,"turn_id":"turn_1"}""" },
        { new ErrorData("Bad", "invalid_json", null, true), null, null, """{"type":"error","data":{"error":"Bad","code":"invalid_json","details":null,"recoverable":true},"timestamp":"2026-11-25T08:00:00.123Z","session_id":"sess_1"}""" },
        { new PongData(Now), null, null, """{"type":"pong","data":{"timestamp":"2026-11-25T08:00:00.123Z"},"timestamp":"2026-11-25T08:00:00.123Z","session_id":"sess_1"}""" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void ServerFrame_Serialized_IsByteForByteTheProtocolsFrame(object payload, long? seq, string? turnId, string expected)
    {
        var bytes = EventFrames.Create((EventData)payload, Now, "sess_1", seq, turnId);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void ConnectionScopedFrame_OmitsSeqAndTurnId()
    {
        var root = JsonDocument.Parse(EventFrames.Create(new PingData(Now), Now, "sess_1")).RootElement;

        Assert.False(root.TryGetProperty("seq", out _));
        Assert.False(root.TryGetProperty("turn_id", out _));
    }

    [Fact]
    public void Product_SerializesAllSeventeenFieldsWithNumericPrice()
    {
        var product = new Product { ProductId = "p1", Marketplace = "amazon", Title = "Laptop", Price = 849.99m, ProductType = "laptop", Brand = "Dell" };
        var root = JsonDocument.Parse(EventFrames.Create(new ResultsData(new SearchResults([product], 1, new RequirementSpec(), "", [], [])), Now, "s")).RootElement;
        var json = root.GetProperty("data").GetProperty("products")[0];

        Assert.Equal(17, json.EnumerateObject().Count());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("price").ValueKind);
        Assert.Equal(849.99m, json.GetProperty("price").GetDecimal());
    }

    public static TheoryData<string, Type> ClientMessages => new()
    {
        { """{"type":"message","message":"I need a laptop under $1000"}""", typeof(UserMessageCommand) },
        { """{"type":"message","message":"","media":[{"media_type":"image","s3_key":"uploads/u/laptop.jpg"}]}""", typeof(UserMessageCommand) },
        { """{"type":"answer","message":"$500-$1000","client_message_id":"m-2"}""", typeof(UserMessageCommand) },
        { """{"type":"ping"}""", typeof(PingCommand) },
        { """{"type":"pong"}""", typeof(PongCommand) },
        { """{"type":"disconnect"}""", typeof(DisconnectCommand) },
        { """{"type":"resume","last_seq":12}""", typeof(ResumeCommand) },
        { """{"type":"cancel"}""", typeof(CancelCommand) },
    };

    [Theory]
    [MemberData(nameof(ClientMessages))]
    public void ClientMessage_ParsesToItsCommand(string json, Type expected)
    {
        var command = new ClientFrameParser(new ChatOptions()).Parse(Encoding.UTF8.GetBytes(json));

        Assert.IsType(expected, command);
    }

    [Fact]
    public void FullMediaItem_KeepsEveryField()
    {
        const string json = """{"type":"message","message":"like this","media":[{"media_type":"image","s3_key":"k","content_type":"image/jpeg","size_bytes":1024000,"uploaded_at":"2026-11-25T10:00:00Z"}],"client_message_id":"c1"}""";
        var command = Assert.IsType<UserMessageCommand>(new ClientFrameParser(new ChatOptions()).Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(new MediaAttachment("image", "k", "image/jpeg", 1024000, "2026-11-25T10:00:00Z"), Assert.Single(command.Media));
        Assert.Equal("c1", command.ClientMessageId);
        Assert.Equal("like this", command.Text);
    }
}
