using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class FlipTests
{
    public static TheoryData<bool, bool> Directions => new() { { true, false }, { false, true }, { true, true } };

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_flip_is_the_mirror_permutation(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 13 + height);
        foreach ((bool horizontal, bool vertical) in new[] { (true, false), (false, true), (true, true) })
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Flip(horizontal, vertical), out _);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int sx = horizontal ? width - 1 - x : x;
                    int sy = vertical ? height - 1 - y : y;
                    Assert.Equal(TestPixels.At(input, sy * width + sx), TestPixels.At(output, y * width + x));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Flipping_twice_gives_the_image_back(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width + 5 * height);
        foreach ((bool horizontal, bool vertical) in new[] { (true, false), (false, true), (true, true) })
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Flip(horizontal, vertical).Flip(horizontal, vertical), out _);
            Assert.Equal(input, output);
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Flipping_both_ways_is_a_rotation_by_180_degrees(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: 3 * width + height);
        byte[] flipped = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Flip(true, true), out _);
        byte[] rotated = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Rotate(180), out int rotatedWidth);
        Assert.Equal(width, rotatedWidth);
        Assert.Equal(flipped, rotated);
    }

    [Fact]
    public void A_flip_needs_a_direction()
    {
        Assert.Throws<ArgumentException>(() => new Flip(false, false));
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_flip_equals_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width ^ 77, image => image.Flip(true, false), tolerance: 0);
        BackendParity.Check(width, height, seed: height ^ 78, image => image.Flip(false, true), tolerance: 0);
        BackendParity.Check(width, height, seed: width + height, image => image.Flip(true, true), tolerance: 0);
    }
}
