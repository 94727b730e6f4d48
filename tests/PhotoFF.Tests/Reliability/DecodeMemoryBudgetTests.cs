using System.Collections.Concurrent;
using PhotoFF.Codecs;

namespace PhotoFF.Tests.Reliability;

/// <summary>The decode memory budget: bounded, never deadlocked by a consumer that takes results in order, clear about a
/// decode that can never fit (issue 6, item 5), and no wait at all while memory is plentiful (issue 12: workers that
/// waited for their turn starved two GPUs' decoders).</summary>
public sealed class DecodeMemoryBudgetTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_decode_that_does_not_fit_waits_until_an_earlier_one_gives_its_memory_back()
    {
        DecodeMemoryBudget budget = new(100);
        DecodeMemoryBudget.Line line = budget.OpenLine();
        using DecodeMemoryBudget.Ticket first = line.Enqueue();
        using DecodeMemoryBudget.Ticket second = line.Enqueue();
        first.Reserve(70, "first", Waits.Test);

        Task waiting = Waits.Run(() => second.Reserve(40, "second", Waits.Test));
        Assert.False(await waiting.FinishesWithin(Soon), "40 bytes were granted while 70 of 100 were held");
        Assert.Equal(70, budget.BytesInUse);

        first.Dispose();
        Assert.True(await waiting.FinishesWithin(Long));
        Assert.Equal(40, budget.BytesInUse);
        Assert.Equal(70, budget.PeakBytesInUse);
    }

    [Fact]
    public async Task A_later_decode_that_fits_goes_ahead_and_the_earlier_one_still_gets_its_turn()
    {
        DecodeMemoryBudget budget = new(100);
        DecodeMemoryBudget.Line line = budget.OpenLine();
        using DecodeMemoryBudget.Ticket holder = line.Enqueue();
        using DecodeMemoryBudget.Ticket big = line.Enqueue();
        using DecodeMemoryBudget.Ticket small = line.Enqueue();
        holder.Reserve(60, null, Waits.Test);

        Task bigWaits = Waits.Run(() => big.Reserve(60, null, Waits.Test));
        Assert.False(await bigWaits.FinishesWithin(Soon), "60 bytes were granted while 60 of 100 were held by an earlier decode");

        // The small one fits: it does not wait for the big one to get its memory.
        Assert.True(await Waits.Run(() => small.Reserve(10, null, Waits.Test)).FinishesWithin(Long));
        Assert.Equal(70, budget.BytesInUse);
        Assert.False(bigWaits.IsCompleted);

        holder.Dispose();
        Assert.True(await bigWaits.FinishesWithin(Long));
        Assert.Equal(70, budget.BytesInUse);
    }

    [Fact]
    public async Task Workers_that_fit_never_wait_for_an_earlier_ticket_to_reserve()
    {
        DecodeMemoryBudget budget = new(1000);
        DecodeMemoryBudget.Line line = budget.OpenLine();
        DecodeMemoryBudget.Ticket[] tickets = Enumerable.Range(0, 10).Select(_ => line.Enqueue()).ToArray();

        // The first ticket's file is still being read: the nine behind it reserve without it, last first.
        for (int i = tickets.Length - 1; i > 0; i--)
        {
            Assert.True(await Waits.Run(() => tickets[i].Reserve(50, null, Waits.Test)).FinishesWithin(Long), $"ticket {i} waited");
        }

        tickets[0].Reserve(50, null, Waits.Test);
        Assert.Equal(500, budget.BytesInUse);
        foreach (DecodeMemoryBudget.Ticket ticket in tickets)
        {
            ticket.Dispose();
        }

        Assert.Equal(0, budget.BytesInUse);
    }

    [Fact]
    public async Task The_decode_in_turn_goes_over_the_limit_only_when_later_ones_hold_the_memory_and_the_next_waits()
    {
        DecodeMemoryBudget budget = new(100);
        DecodeMemoryBudget.Line line = budget.OpenLine();
        using DecodeMemoryBudget.Ticket first = line.Enqueue();
        using DecodeMemoryBudget.Ticket second = line.Enqueue();
        using DecodeMemoryBudget.Ticket third = line.Enqueue();
        Assert.True(await Waits.Run(() => second.Reserve(80, null, Waits.Test)).FinishesWithin(Long), "a decode that fits waited for its turn");

        // The consumer waits for the first, and the second's 80 come back only after it: waiting would deadlock.
        Assert.True(await Waits.Run(() => first.Reserve(50, null, Waits.Test)).FinishesWithin(Long), "the decode in turn waited for a later one");
        Assert.Equal(130, budget.BytesInUse);

        // The third is in turn now, but the first holds memory that comes back when it is consumed: it waits.
        Task thirdWaits = Waits.Run(() => third.Reserve(30, null, Waits.Test));
        Assert.False(await thirdWaits.FinishesWithin(Soon), "a second decode went over the limit");
        first.Dispose();
        Assert.False(await thirdWaits.FinishesWithin(Soon), "110 of 100 were granted while the second, before it, still held 80");
        second.Dispose();
        Assert.True(await thirdWaits.FinishesWithin(Long));
        Assert.Equal(30, budget.BytesInUse);
        Assert.Equal(130, budget.PeakBytesInUse);
    }

    [Fact]
    public async Task A_decode_larger_than_the_whole_budget_fails_at_once_naming_the_file_and_the_next_goes_on()
    {
        DecodeMemoryBudget budget = new(1 << 20);
        DecodeMemoryBudget.Line line = budget.OpenLine();
        using DecodeMemoryBudget.Ticket bomb = line.Enqueue();
        using DecodeMemoryBudget.Ticket next = line.Enqueue();

        CodecException error = Assert.Throws<CodecException>(() => bomb.Reserve(3L << 20, "bomb.png", Waits.Test));
        Assert.Equal(CodecErrorKind.TooLarge, error.Kind);
        Assert.Equal("bomb.png", error.Path);
        Assert.Contains("whole decode memory budget of 1 MiB", error.Reason);

        Assert.True(await Waits.Run(() => next.Reserve(1 << 20, null, Waits.Test)).FinishesWithin(Long));
    }

    [Fact]
    public async Task A_ticket_given_up_before_its_turn_lets_the_ones_behind_it_go_on()
    {
        DecodeMemoryBudget budget = new(100);
        DecodeMemoryBudget.Line other = budget.OpenLine();
        using DecodeMemoryBudget.Ticket elsewhere = other.Enqueue();
        elsewhere.Reserve(90, null, Waits.Test);
        DecodeMemoryBudget.Line line = budget.OpenLine();
        DecodeMemoryBudget.Ticket failed = line.Enqueue();
        DecodeMemoryBudget.Ticket cancelledBeforeStart = line.Enqueue();
        using DecodeMemoryBudget.Ticket last = line.Enqueue();

        // 50 do not fit beside the other line's 90, and the last ticket is not in turn yet.
        Task lastWaits = Waits.Run(() => last.Reserve(50, null, Waits.Test));
        Assert.False(await lastWaits.FinishesWithin(Soon));
        cancelledBeforeStart.Dispose();
        Assert.False(await lastWaits.FinishesWithin(Soon));

        // Both turns before it given up: in turn, its line holding nothing, it may start.
        failed.Dispose();
        Assert.True(await lastWaits.FinishesWithin(Long));
        failed.Dispose();
        Assert.Equal(140, budget.BytesInUse);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once_and_gives_the_turn_up_when_disposed()
    {
        DecodeMemoryBudget budget = new(100);
        DecodeMemoryBudget.Line line = budget.OpenLine();
        using DecodeMemoryBudget.Ticket holder = line.Enqueue();
        DecodeMemoryBudget.Ticket cancelled = line.Enqueue();
        using DecodeMemoryBudget.Ticket after = line.Enqueue();
        holder.Reserve(100, null, Waits.Test);
        using CancellationTokenSource stop = new();

        Task waiting = Waits.Run(() => cancelled.Reserve(10, null, stop.Token));
        Assert.False(await waiting.FinishesWithin(Soon));
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        cancelled.Dispose();

        Task afterWaits = Waits.Run(() => after.Reserve(10, null, Waits.Test));
        holder.Dispose();
        Assert.True(await afterWaits.FinishesWithin(Long));
    }

    [Fact]
    public async Task Many_workers_and_an_in_order_consumer_never_exceed_the_budget_and_never_deadlock()
    {
        const long Limit = 1000;
        DecodeMemoryBudget budget = new(Limit);
        DecodeMemoryBudget.Line line = budget.OpenLine();
        Random random = new(6);
        int count = 300;
        long[] sizes = Enumerable.Range(0, count).Select(_ => (long)random.Next(1, (int)Limit + 1)).ToArray();
        DecodeMemoryBudget.Ticket[] tickets = sizes.Select(_ => line.Enqueue()).ToArray();
        BlockingCollection<int>[] done = sizes.Select(_ => new BlockingCollection<int>(1)).ToArray();
        long observedMaximum = 0;

        // Workers take items in any order (as threads do); each reserves, "decodes", and hands its result over.
        Task[] workers = Enumerable.Range(0, 8).Select(w => Waits.Run(() =>
        {
            for (int i = w; i < count; i += 8)
            {
                tickets[i].Reserve(sizes[i], null, Waits.Test);
                InterlockedMax(ref observedMaximum, budget.BytesInUse);
                done[i].Add(i);
            }
        })).ToArray();

        // The consumer takes results strictly in order, as a pipeline writes them, and gives each one's memory back.
        Task consumer = Waits.Run(() =>
        {
            for (int i = 0; i < count; i++)
            {
                done[i].Take(Waits.Test);
                tickets[i].Dispose();
            }
        });

        // One line: the limit, plus at most the one decode in turn when only later ones hold the memory.
        Assert.True(await Task.WhenAll([.. workers, consumer]).FinishesWithin(TimeSpan.FromSeconds(60)), "the workers and the consumer deadlocked");
        Assert.InRange(budget.PeakBytesInUse, sizes.Max(), Limit + sizes.Max());
        Assert.InRange(observedMaximum, 1, Limit + sizes.Max());
        Assert.Equal(0, budget.BytesInUse);
    }

    [Fact]
    public async Task A_consumer_waiting_for_another_one_cannot_block_it_each_line_may_always_have_one_decode()
    {
        // An import inside the pipeline of another import: the outer one's decoded images wait for its pipeline thread,
        // which waits for the inner import to finish.
        DecodeMemoryBudget budget = new(100);
        DecodeMemoryBudget.Line outer = budget.OpenLine();
        DecodeMemoryBudget.Line inner = budget.OpenLine();
        using DecodeMemoryBudget.Ticket outerDecoded = outer.Enqueue();
        using DecodeMemoryBudget.Ticket outerWaiting = outer.Enqueue();
        outerDecoded.Reserve(90, null, Waits.Test);
        Task outerWaits = Waits.Run(() => outerWaiting.Reserve(50, null, Waits.Test));

        using DecodeMemoryBudget.Ticket first = inner.Enqueue();
        using DecodeMemoryBudget.Ticket second = inner.Enqueue();
        Assert.True(await Waits.Run(() => first.Reserve(50, null, Waits.Test)).FinishesWithin(Long), "the inner import could not start");
        Task secondWaits = Waits.Run(() => second.Reserve(50, null, Waits.Test));
        Assert.False(await secondWaits.FinishesWithin(Soon), "a line that holds memory went over the limit");
        Assert.Equal(140, budget.BytesInUse);

        first.Dispose();
        Assert.True(await secondWaits.FinishesWithin(Long));
        second.Dispose();
        Assert.False(outerWaits.IsCompleted);
        outerDecoded.Dispose();
        Assert.True(await outerWaits.FinishesWithin(Long));
    }

    [Fact]
    public void The_shared_budget_is_a_quarter_of_the_memory_available_and_at_least_the_minimum()
    {
        long expected = Math.Max(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4, DecodeMemoryBudget.MinimumDefaultBytes);
        Assert.Equal(expected, DecodeMemoryBudget.Shared.LimitBytes);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
