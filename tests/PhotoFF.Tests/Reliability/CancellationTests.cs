using System.Diagnostics;
using PhotoFF.Backends;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Reliability;

/// <summary>Long pixel work and waits on the GPU end soon after a stop (issue 6, item 4).</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task A_cancelled_cpu_operation_stops_between_rows_and_leaves_the_image_as_it_was()
    {
        // Long enough on any machine that the stop comes mid-blur: 1500x1000 took 0.4-0.5 s on two cores after the
        // blur got faster, and would end before the stop on sixteen.
        byte[] pixels = RandomImages.Rgba(4000, 3000, seed: 4);
        using CudaImage image = CudaImage.FromPixels(pixels, 4000, 3000, TestBackends.Cpu);
        using CancellationTokenSource stop = new();
        Stopwatch clock = new();

        Task blur = Waits.Run(() =>
        {
            using (OperationCancellation.Enter(stop.Token))
            {
                clock.Start();
                image.GaussianBlur(1000);
            }
        });
        await Task.Delay(100, Waits.Test);
        stop.Cancel();
        long cancelledAt = clock.ElapsedMilliseconds;

        Assert.True(await blur.FinishesWithin(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blur);
        Assert.True(clock.ElapsedMilliseconds - cancelledAt < 2000, $"the blur ended {clock.ElapsedMilliseconds - cancelledAt} ms after the cancellation");
        Assert.True(image.ToArray().SequenceEqual(pixels), "a cancelled blur changed the image");
    }

    [Fact]
    public void Without_a_cancellation_scope_nothing_is_cancelled_and_scopes_nest()
    {
        using CancellationTokenSource outer = new();
        using CancellationTokenSource inner = new();
        Assert.False(OperationCancellation.Current.CanBeCanceled);
        using (OperationCancellation.Enter(outer.Token))
        {
            using (OperationCancellation.Enter(inner.Token))
            {
                Assert.Equal(inner.Token, OperationCancellation.Current);
            }

            Assert.Equal(outer.Token, OperationCancellation.Current);
        }

        Assert.False(OperationCancellation.Current.CanBeCanceled);
    }

    [Fact]
    public void The_completion_wait_returns_when_the_work_is_done_and_ends_early_on_a_cancellation()
    {
        int polls = 0;
        PhotoFF.Cuda.CompletionWait.Until(() => ++polls > 50, Waits.Test);
        Assert.Equal(51, polls);

        using CancellationTokenSource stop = new(TimeSpan.FromMilliseconds(100));
        Stopwatch clock = Stopwatch.StartNew();
        Assert.Throws<OperationCanceledException>(() => PhotoFF.Cuda.CompletionWait.Until(() => false, stop.Token));
        Assert.InRange(clock.ElapsedMilliseconds, 90, 2000);
    }
}
