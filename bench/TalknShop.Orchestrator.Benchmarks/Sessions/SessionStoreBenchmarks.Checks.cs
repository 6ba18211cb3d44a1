using TalknShop.Orchestrator.Sessions;

namespace TalknShop.Orchestrator.Benchmarks.Sessions;

/// <summary>Checks run once per benchmark process before measuring: a wrong store fails the run.</summary>
public partial class SessionStoreBenchmarks
{
    private async Task CheckAsync()
    {
        var full = await CreateFullSessionAsync();
        await ExpectEventsAsync(full.SessionId, Retention, 1, "after filling the log");

        // A save round-trips the whole record, byte for byte as JSON.
        var saved = await _store.SaveAsync(full, default);
        var read = await _store.GetAsync(full.SessionId, default) ?? throw Fail("the saved session is missing");
        if (saved.Version != full.Version + 1 || SessionJsonContext.Serialize(read) != SessionJsonContext.Serialize(saved))
        {
            throw Fail($"the save did not round-trip (version {read.Version}, expected {saved.Version})");
        }

        _full = read;

        // One more append keeps the log at the retention limit.
        await _store.AppendEventAsync(full.SessionId, new StoredEvent(++_fullSeq, _turn.Token.Type, _turn.Token.Frame), default);
        await ExpectEventsAsync(full.SessionId, Retention, 2, "after an append to a full log");

        // One turn on a new session stores exactly its events, in order, and leaves it idle.
        await NewYoungSessionAsync();
        var (seq, _) = await RunTurnAsync(_young, 0);
        var events = await _store.GetEventsAsync(_young, 0, 10 * Retention, default);
        if (seq != _turn.Events.Count || events.Count != _turn.Events.Count ||
            events.Select((e, i) => e.Seq == i + 1 && e.Type == _turn.Events[i].Type && e.Frame.Span.SequenceEqual(_turn.Events[i].Frame)).Any(ok => !ok))
        {
            throw Fail($"a turn stored {events.Count} events, expected {_turn.Events.Count} in order");
        }

        var after = await _store.GetAsync(_young, default) ?? throw Fail("the turn's session is missing");
        if (after.Version != 3 || after.TurnStatus != TurnStatuses.Idle || after.Flow.Input is not null ||
            after.Flow.Messages.Count != 20 || after.Flow.LastResults?.Products.Count != 10)
        {
            throw Fail($"after a turn the session is version {after.Version}, {after.TurnStatus}, {after.Flow.Messages.Count} messages");
        }

        _youngTurns = 0;
        Console.WriteLine(
            $"// {Store}: session record {_turn.RecordBytes:N0} B of JSON; a turn appends {_turn.Events.Count} events, " +
            $"{_turn.Events.Sum(e => e.Frame.Length):N0} B in all (results frame {_turn.ResultsFrameBytes:N0} B)");
    }

    private async Task ExpectEventsAsync(string sessionId, int count, long firstSeq, string when)
    {
        var events = await _store.GetEventsAsync(sessionId, 0, 10 * Retention, default);
        var last = await _store.GetLastSeqAsync(sessionId, default);
        var first = events.Count > 0 ? events[0].Seq : 0;
        if (events.Count != count || first != firstSeq || last != firstSeq + count - 1)
        {
            throw Fail($"{events.Count} events from seq {first} to {last} {when}, expected {count} from {firstSeq}");
        }
    }

    private InvalidOperationException Fail(string what) => new($"Sanity check failed ({Store}): {what}.");
}
