using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class GrayscaleTests
{
    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_grayscale_matches_a_float64_reference(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 17 + height);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Grayscale(), out _);
        PixelAssert.Equal(Float64Reference.ToBytes(ColorReference.Grayscale(input)), output, width, tolerance: 1);
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void A_gray_image_is_its_own_grayscale_and_alpha_is_kept(string backend)
    {
        byte[] input = RandomImages.Rgba(97, 31, seed: 8);
        for (int i = 0; i < input.Length; i += 4)
        {
            input[i + 1] = input[i + 2] = input[i];
        }

        Assert.Equal(input, BackendParity.Run(TestBackends.Named(backend), input, 97, 31, image => image.Grayscale(), out _));
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Every_gray_level_and_primary_maps_to_its_rounded_luma(string backend)
    {
        // Every byte value in each primary, opaque; luma rounds half away from zero.
        byte[] input = new byte[256 * 3 * 4];
        for (int v = 0; v < 256; v++)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                int i = (channel * 256 + v) * 4;
                input[i + channel] = (byte)v;
                input[i + 3] = (byte)(255 - v);
            }
        }

        byte[] output = BackendParity.Run(TestBackends.Named(backend), input, 256, 3, image => image.Grayscale(), out _);
        double[] weights = [0.299, 0.587, 0.114];
        for (int channel = 0; channel < 3; channel++)
        {
            for (int v = 0; v < 256; v++)
            {
                int i = (channel * 256 + v) * 4;
                byte expected = (byte)Math.Round(weights[channel] * v, MidpointRounding.AwayFromZero);
                Assert.Equal<byte>([expected, expected, expected, (byte)(255 - v)], output.AsSpan(i, 4).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_grayscale_equals_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width * 5 + height, image => image.Grayscale());
    }
}
