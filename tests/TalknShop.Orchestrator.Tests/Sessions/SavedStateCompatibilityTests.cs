using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>A session record as an earlier version saved it still loads (both durable stores keep this JSON).</summary>
public sealed class SavedStateCompatibilityTests
{
    // Saved before issue 18: a `current_node` field (always null), media without `uploaded_at`.
    private const string SavedBefore = """
        {"session_id":"sess_old","user_id":"u1","created_at":"2026-11-20T10:00:00+00:00","updated_at":"2026-11-20T10:05:00+00:00",
         "expires_at":"2026-11-21T10:05:00+00:00","version":4,
         "flow":{"schema_version":1,"current_node":null,"stage":"SEARCHING","spec":null,"messages":[],"clarification_count":0,
                 "pending_question":null,"media":null,"last_results":null,"search_note":null,"comparison":[],
                 "input":{"text":"like this","media":[{"media_type":"image","s3_key":"uploads/u1/a.jpg","content_type":"image/jpeg","size_bytes":2048}],"is_answer":false}},
         "processed_message_ids":["m1"],"turn_status":"running",
         "turn":{"turn_id":"turn_1","client_message_id":"m2","started_at":"2026-11-20T10:05:00+00:00","owner":null,"attempts":1}}
        """;

    [Fact]
    public void Deserialize_RecordSavedByAnEarlierVersion_LoadsWithNewFieldsAtTheirDefaults()
    {
        var record = SessionJsonContext.Deserialize(SavedBefore);

        Assert.Equal(FlowState.CurrentSchemaVersion, record.Flow.SchemaVersion);
        Assert.Equal(Stages.Searching, record.Flow.Stage);
        Assert.Equal(new MediaAttachment("image", "uploads/u1/a.jpg", "image/jpeg", 2048, UploadedAt: null), Assert.Single(record.Flow.Input!.Media));
        Assert.Equal("m2", record.Turn!.ClientMessageId);
        Assert.Equal(4, record.Version);
    }

    [Fact]
    public void Serialize_MediaWithUploadedAt_RoundTrips()
    {
        var record = SessionJsonContext.Deserialize(SavedBefore);
        var withTime = record with { Flow = record.Flow with { Input = new TurnInput("x", [new MediaAttachment("image", "k", UploadedAt: "2026-11-25T10:00:00Z")], false) } };

        var back = SessionJsonContext.Deserialize(SessionJsonContext.Serialize(withTime));

        Assert.Equal("2026-11-25T10:00:00Z", Assert.Single(back.Flow.Input!.Media).UploadedAt);
    }
}
