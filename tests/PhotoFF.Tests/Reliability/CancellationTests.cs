using System.Diagnostics;
using System.Runtime.InteropServices;
using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Reliability;

/// <summary>Long pixel work and waits on the GPU end soon after a stop (issue 6, item 4).</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task A_cancelled_cpu_operation_stops_between_rows_and_leaves_the_image_as_it_was()
    {
        byte[] pixels = RandomImages.Rgba(1500, 1000, seed: 4);
        using CudaImage image = CudaImage.FromPixels(pixels, 1500, 1000, TestBackends.Cpu);
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
        await Task.Delay(300, Waits.Test);
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

    [Fact]
    public void A_download_waiting_for_the_gpu_ends_on_a_cancellation_and_the_buffers_stay_safe()
    {
        CudaBackend cuda = (CudaBackend)TestBackends.Cuda;
        byte[] pixels = RandomImages.Rgba(64, 48, seed: 9);
        using CudaImage image = CudaImage.FromPixels(pixels, 64, 48, cuda);
        CudaPixelBuffer buffer = (CudaPixelBuffer)image.Pixels;
        byte[] host = RandomImages.Poison((int)image.ByteCount);
        using StreamHold hold = StreamHold.On(buffer.Stream);

        // The stream is held by a host function until the test releases it: a wait for it cannot end by itself.
        using CancellationTokenSource stop = new(TimeSpan.FromMilliseconds(50));
        Stopwatch clock = Stopwatch.StartNew();
        using (OperationCancellation.Enter(stop.Token))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => image.CopyPixelsTo(host));
        }

        Assert.True(clock.ElapsedMilliseconds < 1000, $"the download waited {clock.ElapsedMilliseconds} ms after a 50 ms cancellation");
        Assert.False(buffer.Stream.IsIdle, "the stream was released early: the test proves nothing");

        hold.Release();
        image.CopyPixelsTo(host);
        Assert.True(host.AsSpan().SequenceEqual(pixels), "the pixels after the cancelled download are not the image's");
    }

    /// <summary>
    /// Holds a stream on the GPU until <see cref="Release"/>: cuStreamWaitValue32 makes the stream wait for a word of
    /// mapped pinned memory to become non-zero. A blocking host function (cuLaunchHostFunc) would hold it too, but the
    /// driver serializes stream queries behind a running host function, so the wait under test could not even poll.
    /// </summary>
    private sealed unsafe class StreamHold : IDisposable
    {
        private const uint MapToDevice = 0x02;   // CU_MEMHOSTALLOC_DEVICEMAP
        private const uint GreaterOrEqual = 0x0; // CU_STREAM_WAIT_VALUE_GEQ
        private readonly PhotoFF.Cuda.CudaStream stream;
        private readonly nint flag;
        private bool disposed;

        private StreamHold(PhotoFF.Cuda.CudaStream stream, nint flag)
        {
            this.stream = stream;
            this.flag = flag;
        }

        private delegate PhotoFF.Cuda.CudaResult MemHostAlloc(out nint pointer, nuint bytes, uint flags);

        private delegate PhotoFF.Cuda.CudaResult MemHostGetDevicePointer(out ulong device, nint host, uint flags);

        private delegate PhotoFF.Cuda.CudaResult StreamWaitValue32(PhotoFF.Cuda.CuStream stream, ulong address, uint value, uint flags);

        private delegate PhotoFF.Cuda.CudaResult MemFreeHost(nint pointer);

        public static StreamHold On(PhotoFF.Cuda.CudaStream stream)
        {
            PhotoFF.Cuda.CudaException.ThrowIfFailed(Driver<MemHostAlloc>("cuMemHostAlloc")(out nint flag, sizeof(uint), MapToDevice), "cuMemHostAlloc");
            *(uint*)flag = 0;
            PhotoFF.Cuda.CudaException.ThrowIfFailed(Driver<MemHostGetDevicePointer>("cuMemHostGetDevicePointer_v2")(out ulong device, flag, 0), "cuMemHostGetDevicePointer_v2");
            PhotoFF.Cuda.CudaException.ThrowIfFailed(Driver<StreamWaitValue32>("cuStreamWaitValue32_v2")(stream.Handle, device, 1, GreaterOrEqual), "cuStreamWaitValue32_v2");
            return new StreamHold(stream, flag);
        }

        public void Release() => Volatile.Write(ref *(uint*)flag, 1u);

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Release();
            stream.Synchronize();
            PhotoFF.Cuda.CudaException.ThrowIfFailed(Driver<MemFreeHost>("cuMemFreeHost")(flag), "cuMemFreeHost");
        }

        private static T Driver<T>(string name)
            where T : Delegate
        {
            nint driver = NativeLibrary.Load(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1");
            return Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(driver, name));
        }
    }
}
