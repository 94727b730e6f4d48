using System.Diagnostics;
using System.Runtime.InteropServices;
using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Reliability;

[CollectionDefinition(nameof(StreamHoldCollection), DisableParallelization = true)]
public sealed class StreamHoldCollection;

/// <summary>
/// A host wait for GPU work ends soon after a stop (issue 6, item 4). Runs alone: while a stream is held, driver calls
/// that synchronize the context (pinned and device allocations, module loads) block in every thread of the process,
/// and such a call made by a test running beside this one would hold the driver's lock until the hold ends; on the
/// two-GPU machine that stopped the whole suite.
/// </summary>
[Collection(nameof(StreamHoldCollection))]
public sealed class GpuWaitCancellationTests
{
    [Fact]
    public void A_download_waiting_for_the_gpu_ends_on_a_cancellation_and_the_buffers_stay_safe()
    {
        CudaBackend cuda = (CudaBackend)TestBackends.Cuda;
        byte[] pixels = RandomImages.Rgba(64, 48, seed: 9);
        using CudaImage image = CudaImage.FromPixels(pixels, 64, 48, cuda);
        CudaPixelBuffer buffer = (CudaPixelBuffer)image.Pixels;
        byte[] host = RandomImages.Poison((int)image.ByteCount);

        // One download first, so that the one under test finds its staging buffer in the pool and allocates nothing
        // while the stream is held.
        image.CopyPixelsTo(host);
        host.AsSpan().Fill(0xA5);
        using StreamHold hold = StreamHold.On(buffer.Stream, TimeSpan.FromSeconds(20));

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
    /// A watchdog releases the hold after a deadline whatever the test does: releasing is a plain memory write, which
    /// needs no driver call, so a wait that wrongly blocks fails the test instead of hanging the suite.
    /// </summary>
    private sealed unsafe class StreamHold : IDisposable
    {
        private const uint MapToDevice = 0x02;   // CU_MEMHOSTALLOC_DEVICEMAP
        private const uint GreaterOrEqual = 0x0; // CU_STREAM_WAIT_VALUE_GEQ
        private readonly PhotoFF.Cuda.CudaStream stream;
        private readonly nint flag;
        private readonly Timer watchdog;
        private bool disposed;

        private StreamHold(PhotoFF.Cuda.CudaStream stream, nint flag, TimeSpan deadline)
        {
            this.stream = stream;
            this.flag = flag;
            watchdog = new Timer(_ => Release(), null, deadline, Timeout.InfiniteTimeSpan);
        }

        private delegate PhotoFF.Cuda.CudaResult MemHostAlloc(out nint pointer, nuint bytes, uint flags);

        private delegate PhotoFF.Cuda.CudaResult MemHostGetDevicePointer(out ulong device, nint host, uint flags);

        private delegate PhotoFF.Cuda.CudaResult StreamWaitValue32(PhotoFF.Cuda.CuStream stream, ulong address, uint value, uint flags);

        private delegate PhotoFF.Cuda.CudaResult MemFreeHost(nint pointer);

        public static StreamHold On(PhotoFF.Cuda.CudaStream stream, TimeSpan deadline)
        {
            PhotoFF.Cuda.CudaException.ThrowIfFailed(Driver<MemHostAlloc>("cuMemHostAlloc")(out nint flag, sizeof(uint), MapToDevice), "cuMemHostAlloc");
            *(uint*)flag = 0;
            PhotoFF.Cuda.CudaException.ThrowIfFailed(Driver<MemHostGetDevicePointer>("cuMemHostGetDevicePointer_v2")(out ulong device, flag, 0), "cuMemHostGetDevicePointer_v2");
            PhotoFF.Cuda.CudaException.ThrowIfFailed(Driver<StreamWaitValue32>("cuStreamWaitValue32_v2")(stream.Handle, device, 1, GreaterOrEqual), "cuStreamWaitValue32_v2");
            return new StreamHold(stream, flag, deadline);
        }

        public void Release() => Volatile.Write(ref *(uint*)flag, 1u);

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            watchdog.Dispose();
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
