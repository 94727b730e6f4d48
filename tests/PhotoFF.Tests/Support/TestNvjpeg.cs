using PhotoFF.Backends;
using PhotoFF.Codecs.Gpu;

namespace PhotoFF.Tests.Support;

/// <summary>
/// nvJPEG on CUDA device 0, or a skip: without a GPU (as <see cref="TestBackends.Cuda"/>) or without libnvjpeg. With
/// PHOTOFF_REQUIRE_CUDA=1 (the GPU machine) a missing or failing nvJPEG is a failure instead.
/// </summary>
public static class TestNvjpeg
{
    internal static NvjpegCodec Codec
    {
        get
        {
            IImageBackend cuda = TestBackends.Cuda;
            NvjpegCodec? codec = NvjpegCodec.For(cuda);
            if (codec is null)
            {
                string why = NvjpegCodec.Describe(cuda);
                if (TestBackends.CudaRequired)
                {
                    Assert.Fail($"PHOTOFF_REQUIRE_CUDA=1 but nvJPEG is not used: {why}");
                }

                Assert.Skip($"No nvJPEG: {why}");
            }

            return codec;
        }
    }

    /// <summary>Peak signal-to-noise ratio of two RGBA8 images of one size, in dB (infinity when equal).</summary>
    public static double Psnr(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = a[i] - b[i];
            sum += d * d;
        }

        return sum == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / (sum / a.Length));
    }

    public static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
