using TalknShop.Orchestrator.BuyerFlow;
using TalknShop.Orchestrator.Catalog;
using TalknShop.Orchestrator.Sessions;
using TalknShop.Orchestrator.Understanding;

namespace TalknShop.Orchestrator.Tests.Sessions;

/// <summary>
/// What every <see cref="ISessionStore"/> promises, run once per implementation. Each test gets a
/// fresh store whose event retention is <see cref="Retention"/>.
/// </summary>
public abstract class SessionStoreContract : IAsyncLifetime
{
    protected const int Retention = 10;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private ISessionStore? _store;

    private protected ISessionStore Store => _store ?? throw new InvalidOperationException("Store not created.");

    private protected abstract Task<ISessionStore> CreateStoreAsync(SessionStoreOptions options);

    public async Task InitializeAsync() =>
        _store = await CreateStoreAsync(new SessionStoreOptions { EventRetention = Retention }).WaitAsync(Bound);

    public virtual Task DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TryCreateAsync_FullRecord_GetReturnsItUnchanged()
    {
        var record = FullRecord(NewId());

        Assert.True(await Store.TryCreateAsync(record, default));
        var stored = await Store.GetAsync(record.SessionId, default);

        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(Json(record with { Version = 1 }), Json(stored));
        Assert.Equal("What's your budget?", stored.Flow.PendingQuestion?.Question);
        Assert.Equal(2, stored.Flow.LastResults?.Products.Count);
    }

    [Fact]
    public async Task TryCreateAsync_ExistingSession_ReturnsFalseAndKeepsFirst()
    {
        var record = FullRecord(NewId());
        Assert.True(await Store.TryCreateAsync(record, default));

        Assert.False(await Store.TryCreateAsync(record with { UserId = "mallory" }, default));
        Assert.Equal("u1", (await Store.GetAsync(record.SessionId, default))!.UserId);
    }

    [Fact]
    public async Task SaveAsync_CurrentVersion_IncrementsVersionAndStoresChanges()
    {
        var record = await CreateAsync();

        var saved = await Store.SaveAsync(record with { TurnStatus = TurnStatuses.Running, Flow = record.Flow with { Stage = Stages.Searching } }, default);
        var again = await Store.SaveAsync(saved with { TurnStatus = TurnStatuses.Idle }, default);

        Assert.Equal(2, saved.Version);
        Assert.Equal(3, again.Version);
        var stored = await Store.GetAsync(record.SessionId, default);
        Assert.Equal(3, stored!.Version);
        Assert.Equal(Stages.Searching, stored.Flow.Stage);
        Assert.Equal(TurnStatuses.Idle, stored.TurnStatus);
    }

    [Fact]
    public async Task CommitAsync_CurrentVersion_SavesRecordAndAppendsEventTogether()
    {
        var record = await CreateAsync();
        await Store.AppendEventAsync(record.SessionId, Event(1), default);
        var turn = new AcceptedTurn("turn_1", "msg-1", record.UpdatedAt, "here");

        var saved = await Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running, Turn = turn }, Event(2), default);

        Assert.Equal(2, saved.Version);
        var stored = await Store.GetAsync(record.SessionId, default);
        Assert.Equal(turn, stored!.Turn);
        Assert.Equal(2, stored.Version);
        Assert.Equal([1L, 2L], (await Store.GetEventsAsync(record.SessionId, 0, 10, default)).Select(e => e.Seq));
        Assert.Equal(2, await Store.GetLastSeqAsync(record.SessionId, default));
    }

    [Fact]
    public async Task CommitAsync_StaleVersion_WritesNeitherRecordNorEvent()
    {
        var record = await CreateAsync();
        await Store.SaveAsync(record with { TurnStatus = TurnStatuses.Idle }, default);

        await Assert.ThrowsAsync<SessionConflictException>(() => Store.CommitAsync(record with { TurnStatus = TurnStatuses.Running }, Event(1), default));

        Assert.Equal(2, (await Store.GetAsync(record.SessionId, default))!.Version);
        Assert.Empty(await Store.GetEventsAsync(record.SessionId, 0, 10, default));
    }

    [Fact]
    public async Task SaveAsync_VersionZeroForNewSession_Inserts()
    {
        var record = FullRecord(NewId());

        var saved = await Store.SaveAsync(record, default);

        Assert.Equal(1, saved.Version);
        Assert.Equal(1, (await Store.GetAsync(record.SessionId, default))!.Version);
        await Assert.ThrowsAsync<SessionConflictException>(() => Store.SaveAsync(record, default));
    }

    [Fact]
    public async Task SaveAsync_LongConversationOverHalfAMegabyte_RoundTrips()
    {
        var record = await CreateAsync();
        var messages = Enumerable.Range(0, 2500)
            .Select(i => new ConversationMessage(i % 2 == 0 ? "user" : "assistant", $"Message {i}: {Guid.NewGuid()} {new string('x', 150)}", record.UpdatedAt))
            .ToList();
        var large = record with { Flow = record.Flow with { Messages = messages } };
        Assert.True(Json(large).Length > 500_000);

        var saved = await Store.SaveAsync(large, default);

        Assert.Equal(Json(saved), Json((await Store.GetAsync(record.SessionId, default))!));
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_ThrowsSessionConflict()
    {
        var record = await CreateAsync();
        await Store.SaveAsync(record with { TurnStatus = TurnStatuses.Running }, default);

        await Assert.ThrowsAsync<SessionConflictException>(() => Store.SaveAsync(record with { TurnStatus = "stale" }, default));
        Assert.Equal(TurnStatuses.Running, (await Store.GetAsync(record.SessionId, default))!.TurnStatus);
    }

    [Fact]
    public async Task SaveAsync_ConcurrentWritersWithSameVersion_ExactlyOneWins()
    {
        var record = await CreateAsync();
        for (var round = 0; round < 5; round++)
        {
            var current = (await Store.GetAsync(record.SessionId, default))!;
            using var start = new ManualResetEventSlim();
            var writers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                start.Wait(Bound);
                try
                {
                    await Store.SaveAsync(current with { TurnStatus = $"writer{i}" }, default);
                    return true;
                }
                catch (SessionConflictException)
                {
                    return false;
                }
            })).ToList();
            start.Set();
            var outcomes = await Task.WhenAll(writers).WaitAsync(Bound);

            Assert.Single(outcomes, won => won);
            Assert.Equal(current.Version + 1, (await Store.GetAsync(record.SessionId, default))!.Version);
        }
    }

    [Fact]
    public async Task GetEventsAsync_AfterAppends_ReturnsThemInOrderWithIdenticalFrames()
    {
        var record = await CreateAsync();
        var appended = Enumerable.Range(1, 5).Select(seq => Event(seq)).ToList();
        foreach (var e in appended)
        {
            await Store.AppendEventAsync(record.SessionId, e, default);
        }

        var events = await Store.GetEventsAsync(record.SessionId, 0, 100, default);

        Assert.Equal(appended.Select(e => e.Seq), events.Select(e => e.Seq));
        Assert.Equal(appended.Select(e => e.Type), events.Select(e => e.Type));
        Assert.All(appended.Zip(events), pair => Assert.Equal(pair.First.Frame.ToArray(), pair.Second.Frame.ToArray()));
        Assert.Equal(5, await Store.GetLastSeqAsync(record.SessionId, default));
    }

    [Fact]
    public async Task GetEventsAsync_AfterSeqAndLimit_ReturnsOnlyThatWindow()
    {
        var record = await CreateAsync();
        for (var seq = 1; seq <= 8; seq++)
        {
            await Store.AppendEventAsync(record.SessionId, Event(seq), default);
        }

        Assert.Equal([4L, 5L, 6L], (await Store.GetEventsAsync(record.SessionId, 3, 3, default)).Select(e => e.Seq));
        Assert.Equal([7L, 8L], (await Store.GetEventsAsync(record.SessionId, 6, 100, default)).Select(e => e.Seq));
        Assert.Empty(await Store.GetEventsAsync(record.SessionId, 8, 100, default));
    }

    [Fact]
    public async Task AppendEventAsync_DuplicateSeq_ThrowsSessionConflictAndKeepsOriginal()
    {
        var record = await CreateAsync();
        await Store.AppendEventAsync(record.SessionId, Event(1), default);

        await Assert.ThrowsAsync<SessionConflictException>(() => Store.AppendEventAsync(record.SessionId, new StoredEvent(1, "other", "{}"u8.ToArray()), default));
        var only = Assert.Single(await Store.GetEventsAsync(record.SessionId, 0, 100, default));
        Assert.Equal(Event(1).Frame.ToArray(), only.Frame.ToArray());
    }

    [Fact]
    public async Task AppendEventAsync_BeyondRetention_KeepsNewestAndLastSeq()
    {
        var record = await CreateAsync();
        for (var seq = 1; seq <= Retention + 15; seq++)
        {
            await Store.AppendEventAsync(record.SessionId, Event(seq), default);
        }

        var events = await Store.GetEventsAsync(record.SessionId, 0, 1000, default);

        Assert.Equal(Enumerable.Range(16, Retention).Select(s => (long)s), events.Select(e => e.Seq));
        Assert.Equal(Retention + 15, await Store.GetLastSeqAsync(record.SessionId, default));
        await Store.AppendEventAsync(record.SessionId, Event(Retention + 16), default);
        Assert.Equal(Retention + 16, await Store.GetLastSeqAsync(record.SessionId, default));
    }

    [Fact]
    public async Task AppendEventAsync_LongConversation_WindowStaysExactlyRetention()
    {
        // Past 100 events too, where the DynamoDB store sweeps a range instead of deleting one.
        var record = await CreateAsync();
        for (var seq = 1; seq <= 105; seq++)
        {
            await Store.AppendEventAsync(record.SessionId, Event(seq), default);
            if (seq is 99 or 100 or 105)
            {
                var kept = await Store.GetEventsAsync(record.SessionId, 0, 1000, default);
                Assert.Equal(Enumerable.Range(seq - Retention + 1, Retention).Select(s => (long)s), kept.Select(e => e.Seq));
            }
        }
    }

    [Fact]
    public async Task Reads_MissingSession_ReturnNullEmptyAndZero()
    {
        var id = NewId();

        Assert.Null(await Store.GetAsync(id, default));
        Assert.Empty(await Store.GetEventsAsync(id, 0, 100, default));
        Assert.Equal(0, await Store.GetLastSeqAsync(id, default));
    }

    [Fact]
    public async Task PingAsync_StoreReachable_ReturnsTrue()
    {
        using var timeout = new CancellationTokenSource(Bound);
        Assert.True(await Store.PingAsync(timeout.Token));
    }

    /// <summary>
    /// For stores that claim <see cref="ISessionStore.OrderedAppends"/>: appends made back to back
    /// without waiting are applied in the order they were made (none is refused as out of order).
    /// </summary>
    private protected async Task AssertUnawaitedAppendsApplyInOrderAsync()
    {
        Assert.True(Store.OrderedAppends);
        var record = await CreateAsync();

        var appends = Enumerable.Range(1, 100).Select(seq => Store.AppendEventAsync(record.SessionId, Event(seq), default)).ToList();
        await Task.WhenAll(appends).WaitAsync(Bound);

        Assert.Equal(100, await Store.GetLastSeqAsync(record.SessionId, default));
        Assert.Equal(Enumerable.Range(101 - Retention, Retention).Select(i => (long)i), (await Store.GetEventsAsync(record.SessionId, 0, 100, default)).Select(e => e.Seq));
    }

    private protected async Task<SessionRecord> CreateAsync()
    {
        var record = FullRecord(NewId());
        Assert.True(await Store.TryCreateAsync(record, default));
        return (await Store.GetAsync(record.SessionId, default))!;
    }

    private protected static string NewId() => "sess_" + Guid.NewGuid().ToString("N")[..16];

    private protected static string Json(SessionRecord record) => SessionJsonContext.Serialize(record);

    /// <summary>An event whose frame holds every byte value, so any text conversion would show.</summary>
    private protected static StoredEvent Event(long seq) =>
        new(seq, seq % 2 == 0 ? "token" : "progress", (byte[])[.. System.Text.Encoding.UTF8.GetBytes($$"""{"seq":{{seq}},"data":"é"}"""), .. Enumerable.Range(0, 256).Select(b => (byte)b)]);

    private protected static SessionRecord FullRecord(string sessionId, DateTimeOffset? expiresAt = null)
    {
        var now = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var spec = new RequirementSpec
        {
            ProductType = "laptop",
            Attributes = { ["ram_gb"] = AttributeConstraint.AtLeast(16, "GB"), ["color"] = AttributeConstraint.Is("silver") },
            Filters = { ["shipping"] = "free" },
            Price = new PriceRange(null, 1000m),
            BrandPreferences = ["Dell", "Lenovo"],
            ExcludedBrands = ["Apple"],
            RatingMin = 4.5,
            Condition = "new",
            Marketplaces = ["amazon", "walmart"],
            Keywords = "oled",
        };
        Product[] products =
        [
            new() { ProductId = "B0LAP1", Marketplace = "amazon", Title = "Dell Inspiron 15", Price = 649.99m, Rating = 4.6, ReviewCount = 120, Attributes = new Dictionary<string, string> { ["ram_gb"] = "16" }, WhyRanked = "Under budget" },
            new() { ProductId = "B0LAP2", Marketplace = "walmart", Title = "Lenovo IdeaPad 5", Price = null, DeepLink = "https://www.walmart.com/ip/2", WhyRanked = "Brand you like" },
        ];
        return new SessionRecord
        {
            SessionId = sessionId,
            UserId = "u1",
            CreatedAt = now.AddMinutes(-5),
            UpdatedAt = now,
            ExpiresAt = expiresAt ?? now.AddHours(1),
            ProcessedMessageIds = ["m1", "m2"],
            TurnStatus = TurnStatuses.Idle,
            Flow = new FlowState
            {
                Stage = Stages.Clarification,
                Spec = spec,
                Messages =
                [
                    new ConversationMessage("user", "I want a laptop «ünïcode» ✓", now.AddMinutes(-2)),
                    new ConversationMessage("assistant", "What's your budget?", now.AddMinutes(-1)),
                ],
                ClarificationCount = 1,
                PendingQuestion = new ClarifyingQuestion("What's your budget?", ["Under $500", "Under $1000"], "budget"),
                Media = new MediaFindings { Transcript = "a laptop", Image = new ImageFindings { Labels = ["computer"], Attributes = { ["color"] = "silver" } }, Notes = ["video skipped"] },
                LastResults = new SearchResults(products, 7, spec, "Here are two laptops.", ["amazon", "walmart"], ["ebay"]),
                Input = new TurnInput("under $1000", [new MediaAttachment("image", "uploads/u1/a.jpg", "image/jpeg", 2048)], IsAnswer: true),
            },
        };
    }
}

/// <summary>The contract plus what only durable stores promise: expiry.</summary>
public abstract class DurableSessionStoreContract : SessionStoreContract
{
    [Fact]
    public async Task GetAsync_ExpiredSession_IsAbsentAndIdCanBeReused()
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(FullRecord(id, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-5)), default));
        await Store.AppendEventAsync(id, Event(1), default);

        Assert.Null(await Store.GetAsync(id, default));
        Assert.True(await Store.TryCreateAsync(FullRecord(id) with { UserId = "u2" }, default));

        Assert.Equal("u2", (await Store.GetAsync(id, default))!.UserId);
        Assert.Empty(await Store.GetEventsAsync(id, 0, 100, default));
        Assert.Equal(0, await Store.GetLastSeqAsync(id, default));
    }
}
