using System.Runtime.InteropServices;
using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class DistanceFieldTests
{
    /// <summary>Shapes of every kind: sparse points, noise, dense, blobs, empty, full, and alpha right at 127 / 128.</summary>
    public static TheoryData<string> ShapeKinds => new("sparse", "noise", "dense", "blobs", "empty", "full", "threshold");

    public static TheoryData<int, int, int, int> Offsets => new()
    {
        { 0, 0, 0, 0 }, { 1, 3, -2, 0 }, { 2, -40, 5, 0 }, { 3, 0, 100, 0 }, { 4, 7, 7, 0 }, { 5, -3, -60, 0 },
    };

    public static byte[] Shape(string kind, int width, int height, int seed)
    {
        Random random = new(seed);
        byte[] pixels = RandomImages.Rgba(width, height, seed);
        double density = kind switch { "sparse" => 0.02, "noise" => 0.5, "dense" => 0.97, _ => 0 };
        (int X, int Y, int R)[] blobs = Enumerable.Range(0, 3).Select(_ => (random.Next(width), random.Next(height), random.Next(1, 1 + Math.Max(width, height) / 3))).ToArray();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool inShape = kind switch
                {
                    "empty" => false,
                    "full" => true,
                    "blobs" => blobs.Any(b => (x - b.X) * (x - b.X) + (y - b.Y) * (y - b.Y) <= b.R * b.R),
                    "threshold" => random.Next(2) == 0,
                    _ => random.NextDouble() < density,
                };
                pixels[(y * width + x) * 4 + 3] = kind == "threshold"
                    ? (byte)(inShape ? 128 : 127)
                    : (byte)(inShape ? random.Next(128, 256) : random.Next(0, 128));
            }
        }

        return pixels;
    }

    internal static int[] Run(IImageBackend backend, byte[] rgba, int width, int height, bool inner, int offsetX = 0, int offsetY = 0)
    {
        using CudaImage image = CudaImage.FromPixels(rgba, width, height, backend);
        using PixelBuffer distances = backend.Allocate((long)width * height * sizeof(int), image.Pixels);
        backend.DistanceField(image.Pixels, distances, width, height, inner, offsetX, offsetY);
        byte[] bytes = new byte[width * height * sizeof(int)];
        backend.Download(distances, bytes);
        return MemoryMarshal.Cast<byte, int>(bytes).ToArray();
    }

    private static void AssertEqual(long[] expected, int[] actual, int width, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                Assert.Fail($"{context}: squared distance at ({i % width},{i / width}) is {actual[i]}, expected {expected[i]}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ShapeKinds))]
    public void Cpu_distances_equal_brute_force_on_every_shape(string kind)
    {
        foreach ((int width, int height) in new[] { (1, 1), (1, 7), (7, 1), (3, 5), (33, 17), (64, 64), (61, 97) })
        {
            byte[] shape = Shape(kind, width, height, seed: width * 131 + height);
            foreach (bool inner in new[] { false, true })
            {
                AssertEqual(EffectsReference.SquaredDistances(shape, width, height, inner), Run(TestBackends.Cpu, shape, width, height, inner), width,
                    $"{kind} {width}x{height} {(inner ? "inner" : "outer")}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Cpu_distances_to_a_moved_shape_equal_brute_force(int seed, int offsetX, int offsetY, int unused)
    {
        _ = unused;
        foreach (string kind in new[] { "sparse", "blobs", "noise", "full", "empty" })
        {
            foreach ((int width, int height) in new[] { (1, 1), (9, 1), (1, 9), (37, 23) })
            {
                byte[] shape = Shape(kind, width, height, seed: seed * 7 + width);
                foreach (bool inner in new[] { false, true })
                {
                    AssertEqual(EffectsReference.SquaredDistances(shape, width, height, inner, offsetX, offsetY),
                        Run(TestBackends.Cpu, shape, width, height, inner, offsetX, offsetY), width,
                        $"{kind} {width}x{height} offset ({offsetX},{offsetY}) {(inner ? "inner" : "outer")}");
                }
            }
        }
    }

    [Fact]
    public void Cpu_distances_equal_brute_force_on_300_random_cases()
    {
        Random random = new(2024);
        string[] kinds = ["sparse", "noise", "dense", "blobs", "empty", "full", "threshold"];
        for (int i = 0; i < 300; i++)
        {
            int width = random.Next(1, 24), height = random.Next(1, 24);
            int offsetX = random.Next(3) == 0 ? 0 : random.Next(-30, 31);
            int offsetY = random.Next(3) == 0 ? 0 : random.Next(-30, 31);
            bool inner = random.Next(2) == 0;
            string kind = kinds[random.Next(kinds.Length)];
            byte[] shape = Shape(kind, width, height, seed: i);
            AssertEqual(EffectsReference.SquaredDistances(shape, width, height, inner, offsetX, offsetY),
                Run(TestBackends.Cpu, shape, width, height, inner, offsetX, offsetY), width,
                $"case {i}: {kind} {width}x{height} offset ({offsetX},{offsetY}) {(inner ? "inner" : "outer")}");
        }
    }

    [Fact]
    public void An_empty_image_has_no_outer_target_and_a_full_one_measures_to_its_border()
    {
        byte[] empty = new byte[5 * 4 * 4];
        Assert.All(Run(TestBackends.Cpu, empty, 5, 4, inner: false), d => Assert.Equal(IImageBackend.NoTarget, d));
        Assert.All(Run(TestBackends.Cpu, empty, 5, 4, inner: true), d => Assert.Equal(0, d));

        byte[] full = Enumerable.Repeat((byte)255, 5 * 4 * 4).ToArray();
        Assert.All(Run(TestBackends.Cpu, full, 5, 4, inner: false), d => Assert.Equal(0, d));
        // Inner: the distance to the outside, 1 for the border pixels, 2 for the two centre ones of a 5x4 image.
        int[] inner = Run(TestBackends.Cpu, full, 5, 4, inner: true);
        Assert.Equal([1, 1, 1, 1, 1, 1, 4, 4, 4, 1, 1, 4, 4, 4, 1, 1, 1, 1, 1, 1], inner);
    }

    [Fact]
    public void A_single_pixel_gives_the_squared_euclidean_distance()
    {
        byte[] dot = new byte[9 * 7 * 4];
        dot[(3 * 9 + 4) * 4 + 3] = 255;
        int[] d = Run(TestBackends.Cpu, dot, 9, 7, inner: false);
        for (int y = 0; y < 7; y++)
        {
            for (int x = 0; x < 9; x++)
            {
                Assert.Equal((x - 4) * (x - 4) + (y - 3) * (y - 3), d[y * 9 + x]);
            }
        }
    }

    [Fact]
    public void Cost_is_linear_a_large_image_finishes_quickly()
    {
        // One dot in a 2000x1500 image: the distances reach 1,600 pixels; an O(r^2) search per pixel would not finish.
        const int width = 2000, height = 1500;
        byte[] dot = new byte[width * height * 4];
        dot[(10 * width + 10) * 4 + 3] = 255;
        int[] d = Run(TestBackends.Cpu, dot, width, height, inner: false);
        Assert.Equal(1989 * 1989 + 1489 * 1489, d[^1]);
        Assert.Equal(0, d[10 * width + 10]);
    }

    [Theory]
    [MemberData(nameof(ShapeKinds))]
    public void Cuda_distances_equal_the_cpu_exactly(string kind)
    {
        IImageBackend cuda = TestBackends.Cuda;
        foreach ((int width, int height) in new[] { (1, 1), (1, 7), (7, 1), (3, 5), (33, 17), (127, 61), (257, 129), (4097, 3), (3, 4097) })
        {
            byte[] shape = Shape(kind, width, height, seed: width + height);
            foreach ((int ox, int oy) in new[] { (0, 0), (5, -9), (-300, 40) })
            {
                foreach (bool inner in new[] { false, true })
                {
                    int[] expected = Run(TestBackends.Cpu, shape, width, height, inner, ox, oy);
                    int[] actual = Run(cuda, shape, width, height, inner, ox, oy);
                    AssertEqual(expected.Select(v => (long)v).ToArray(), actual, width, $"CUDA {kind} {width}x{height} ({ox},{oy}) {(inner ? "inner" : "outer")}");
                }
            }
        }
    }

    /// <summary>Tall columns: the banded column pass puts fewer columns in a block as the candidate rows grow (8, 4,
    /// 2, 1) and hands columns of more than about 18,000 candidate rows to the tall column pass.</summary>
    [Theory]
    [InlineData(9, 3000, 0)]
    [InlineData(5, 6000, -700)]
    [InlineData(3, 15000, 0)]
    [InlineData(2, 20000, 90)]
    public void Cuda_distances_equal_the_cpu_on_tall_images(int width, int height, int offsetY)
    {
        IImageBackend cuda = TestBackends.Cuda;
        foreach (string kind in new[] { "sparse", "blobs" })
        {
            byte[] shape = Shape(kind, width, height, seed: height + width);
            foreach (bool inner in new[] { false, true })
            {
                int[] expected = Run(TestBackends.Cpu, shape, width, height, inner, 1, offsetY);
                int[] actual = Run(cuda, shape, width, height, inner, 1, offsetY);
                AssertEqual(expected.Select(v => (long)v).ToArray(), actual, width, $"CUDA {kind} {width}x{height} (1,{offsetY}) {(inner ? "inner" : "outer")}");
            }
        }
    }

    /// <summary>The banded column pass keeps a block's segment envelopes in shared memory; columns with more candidate
    /// rows than fit even one column per block take the tall column pass (global scratch).</summary>
    [Fact]
    public void Columns_too_tall_for_shared_memory_take_the_tall_column_pass()
    {
        const int H200 = 227 * 1024, Small = 48 * 1024;
        Assert.Equal(8, CudaBackend.ColumnLayout(500, H200)?.Columns);
        Assert.Equal(4, CudaBackend.ColumnLayout(2160 + 2, H200)?.Columns); // 4K, inner: two blocks per multiprocessor
        Assert.Equal(1, CudaBackend.ColumnLayout(18_000, H200)?.Columns);
        Assert.Null(CudaBackend.ColumnLayout(19_000, H200));
        Assert.Equal(1, CudaBackend.ColumnLayout(3_000, Small)?.Columns);
        Assert.Null(CudaBackend.ColumnLayout(4_000, Small));
        foreach (int candidates in new[] { 1, 7, 256, 2162, 3_000 })
        {
            CudaBackend.BandedColumnLayout layout = CudaBackend.ColumnLayout(candidates, Small)!.Value;
            Assert.True(layout.SharedBytes <= Small);
            Assert.True(layout.SegmentLength * (256 / layout.Columns) >= candidates, $"{candidates} candidates fit {layout}");
        }
    }

    /// <summary>The tall column pass, reached on small images by a backend with 48 KB of shared memory per block.</summary>
    [Theory]
    [InlineData(5, 4000, 0, 0)]
    [InlineData(3, 3400, 2, -90)]
    [InlineData(37, 4100, -5, 300)]
    public void Cuda_tall_column_pass_equals_the_cpu_exactly(int width, int height, int offsetX, int offsetY)
    {
        const int SharedMemory = 48 * 1024;
        Assert.Null(CudaBackend.ColumnLayout(height, SharedMemory));
        Assert.Null(CudaBackend.ColumnLayout(height + Math.Abs(offsetY) + 2, SharedMemory));
        using IImageBackend cuda = TestBackends.CudaWithSharedMemory(SharedMemory);
        foreach (string kind in new[] { "sparse", "blobs", "empty", "full" })
        {
            byte[] shape = Shape(kind, width, height, seed: width + height + offsetY);
            foreach (bool inner in new[] { false, true })
            {
                int[] expected = Run(TestBackends.Cpu, shape, width, height, inner, offsetX, offsetY);
                int[] actual = Run(cuda, shape, width, height, inner, offsetX, offsetY);
                AssertEqual(expected.Select(v => (long)v).ToArray(), actual, width, $"CUDA (48 KB) {kind} {width}x{height} ({offsetX},{offsetY}) {(inner ? "inner" : "outer")}");
            }
        }
    }
}
