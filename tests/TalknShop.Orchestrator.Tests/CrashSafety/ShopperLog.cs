using System.Text.Json;
using TalknShop.Orchestrator.Tests.Infrastructure;

namespace TalknShop.Orchestrator.Tests.CrashSafety;

/// <summary>One message the shopper sent, and what became of it.</summary>
internal sealed class SentMessage(string id, string text, string product, bool vague)
{
    public string Id { get; } = id;
    public string Text { get; } = text;
    public string Product { get; } = product;
    public bool Vague { get; } = vague;
    public string? TurnId { get; set; }
    public string? EndType { get; set; }
    public bool Accepted => TurnId is not null;
    public bool Ended => EndType is not null;

    /// <summary>
    /// How often the service answered a send of this message: a <c>thinking</c> for it (accepted,
    /// or restarted) or a <c>duplicate_message</c> naming it. Every send gets one of them.
    /// </summary>
    public int Answers { get; set; }
}

/// <summary>
/// What a shopper's client knows, across every connection and restart: each stored event by
/// seq (a replayed one must be byte-identical to the one first seen), each sent message with its
/// turn, the terminal events. Violations are collected, not thrown, so a run reports them all.
/// </summary>
internal sealed class ShopperLog
{
    private readonly Dictionary<long, string> _events = [];
    private readonly List<SentMessage> _messages = [];

    public long LastSeq { get; private set; }

    public IReadOnlyList<SentMessage> Messages => _messages;

    public List<string> Violations { get; } = [];

    public int Restarts { get; private set; }

    public int UnstoredErrors { get; private set; }

    public int Duplicates { get; private set; }

    public SentMessage Add(string text, string product, bool vague)
    {
        var message = new SentMessage($"m{_messages.Count + 1:D3}", text, product, vague);
        _messages.Add(message);
        return message;
    }

    public SentMessage? ByTurn(string? turnId) => turnId is null ? null : _messages.FirstOrDefault(m => m.TurnId == turnId);

    /// <summary>Takes in one frame as the client received it.</summary>
    public void Observe(JsonElement frame)
    {
        var type = frame.Type();
        var seq = frame.Seq();
        if (type == "error" && frame.Code() == "duplicate_message" && (seq is null || !_events.ContainsKey(seq.Value)))
        {
            Duplicates++;
            // Details name the message: "m001" (still in flight) or "client_message_id=m001; …" (already answered).
            var details = frame.Data().GetProperty("details").GetString() ?? "";
            if (_messages.FirstOrDefault(m => details == m.Id || details.Split(';')[0] == $"client_message_id={m.Id}") is { } duplicate)
            {
                duplicate.Answers++;
            }
        }

        if (seq is null)
        {
            if (type == "error" && frame.Code() is "store_unavailable" or "session_conflict")
            {
                UnstoredErrors++;
            }

            return;
        }

        var raw = frame.GetRawText();
        if (_events.TryGetValue(seq.Value, out var known))
        {
            if (known != raw)
            {
                Violations.Add($"seq {seq} was first {known} and later {raw}");
            }

            return;
        }

        _events[seq.Value] = raw;
        LastSeq = Math.Max(LastSeq, seq.Value);
        var turnId = frame.TryGetProperty("turn_id", out var t) ? t.GetString() : null;
        if (type == "thinking")
        {
            var data = frame.Data();
            if (data.GetProperty("restarted").GetBoolean())
            {
                Restarts++;
            }

            if (data.TryGetProperty("client_message_id", out var idElement) && _messages.FirstOrDefault(m => m.Id == idElement.GetString()) is { } message)
            {
                if (message.TurnId is not null && message.TurnId != turnId)
                {
                    Violations.Add($"{message.Id} accepted twice: turns {message.TurnId} and {turnId}");
                }

                message.TurnId = turnId;
                message.Answers++;
            }
        }
        else if (type is "done" or "clarification" or "error" && ByTurn(turnId) is { } ended)
        {
            if (ended.EndType is not null)
            {
                Violations.Add($"{ended.Id} (turn {turnId}) ended twice: {ended.EndType}, then {type} at seq {seq}");
            }

            ended.EndType = type == "error" ? "error:" + frame.Code() : type;
        }
    }

    /// <summary>
    /// Checks the whole log as replayed from seq 0: gapless seqs, and for every turn one first
    /// <c>thinking</c>, events only until its terminal, and exactly one terminal.
    /// </summary>
    public void CheckLog(IReadOnlyList<JsonElement> replay)
    {
        var seqs = replay.Select(f => f.Seq()!.Value).ToList();
        if (!seqs.SequenceEqual(Enumerable.Range(1, seqs.Count).Select(i => (long)i)))
        {
            Violations.Add($"log seqs are not 1..{seqs.Count} without gaps: {string.Join(",", seqs)}");
        }

        if (seqs.Count != _events.Count)
        {
            Violations.Add($"the log has {seqs.Count} events, the client saw {_events.Count}");
        }

        foreach (var turn in replay.Where(f => f.TryGetProperty("turn_id", out _)).GroupBy(f => f.GetProperty("turn_id").GetString()))
        {
            var frames = turn.ToList();
            if (frames[0].Type() != "thinking")
            {
                Violations.Add($"turn {turn.Key} starts with {frames[0].Type()}");
            }

            var terminals = frames.Where(f => f.Type() is "done" or "clarification" or "error").ToList();
            if (terminals.Count != 1)
            {
                Violations.Add($"turn {turn.Key} has {terminals.Count} terminal events");
            }
            else if (frames[^1].Seq() != terminals[0].Seq())
            {
                Violations.Add($"turn {turn.Key} has events after its terminal event");
            }
        }

        foreach (var message in _messages)
        {
            if (!message.Ended)
            {
                Violations.Add($"{message.Id} \"{message.Text}\" never ended (turn {message.TurnId ?? "not accepted"})");
            }
            else if (message.EndType != (message.Vague ? "clarification" : "done"))
            {
                Violations.Add($"{message.Id} \"{message.Text}\" ended with {message.EndType}");
            }
        }
    }

    /// <summary>Where every message stands, and the last few events: for failure messages.</summary>
    public string Describe() =>
        string.Join('\n', _messages.Select(m => $"{m.Id} \"{m.Text}\": turn {m.TurnId ?? "-"}, end {m.EndType ?? "-"}"))
        + "\nlast events:\n" + string.Join('\n', _events.OrderBy(e => e.Key).TakeLast(12).Select(e => e.Value.Length > 300 ? e.Value[..300] : e.Value));

    /// <summary>Every message's text appears exactly once among the session's user messages.</summary>
    public void CheckHistory(JsonElement session)
    {
        var texts = session.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user")
            .Select(m => m.GetProperty("content").GetString()).ToList();
        foreach (var message in _messages)
        {
            var count = texts.Count(t => t == message.Text);
            if (count != 1)
            {
                Violations.Add($"{message.Id} \"{message.Text}\" is {count} times in the history");
            }
        }
    }
}
