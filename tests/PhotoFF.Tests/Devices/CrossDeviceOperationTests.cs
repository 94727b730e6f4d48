using PhotoFF.Backends;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Devices;

/// <summary>
/// The operations on two images when the images live on different devices (or backends): the overlay, key image,
/// reference or grid cell is copied over (<see cref="BackendPair"/> names the routes), and the result equals the one with
/// both images on the target's backend, exactly: the same backend does the same work on the same pixels.
/// </summary>
public sealed class CrossDeviceOperationTests
{
    private const int Width = 131, Height = 67;

    public static TheoryData<string> Pairs => BackendPair.Names;

    [Theory]
    [MemberData(nameof(Pairs))]
    public void An_overlay_from_another_device_is_laid_as_one_from_the_same(string pair)
    {
        using BackendPair backends = BackendPair.Open(pair);
        byte[] logo = RandomImages.Rgba(45, 29, seed: 81);
        byte[] Laid(IImageBackend overlayBackend) => OnTarget(backends, seed: 82, image =>
        {
            using CudaImage overlay = CudaImage.FromPixels(logo, 45, 29, overlayBackend);
            image.Overlay(overlay, -7, 40, 0.8);
            image.Overlay(overlay, Anchor.Center, 3, -2);
            Assert.Equal(logo, overlay.ToArray());
        });

        Assert.Equal(Laid(backends.Target), Laid(backends.Source));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_key_image_from_another_device_keys_as_one_from_the_same(string pair)
    {
        using BackendPair backends = BackendPair.Open(pair);
        byte[] keyPixels = RandomImages.Rgba(Width, Height, seed: 83);
        byte[] Keyed(IImageBackend keyBackend) => OnTarget(backends, seed: 84, image =>
        {
            using CudaImage key = CudaImage.FromPixels(keyPixels, Width, Height, keyBackend);
            image.ChromaKey(key, ColorChannel.B, 90, invert: true, zeroAllChannels: true);
        });

        Assert.Equal(Keyed(backends.Target), Keyed(backends.Source));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_reference_from_another_device_compares_as_one_from_the_same(string pair)
    {
        using BackendPair backends = BackendPair.Open(pair);
        byte[] pixels = RandomImages.Rgba(Width, Height, seed: 85);
        byte[] referencePixels = (byte[])pixels.Clone();
        new Random(86).NextBytes(referencePixels.AsSpan(0, referencePixels.Length / 3));
        using CudaImage image = CudaImage.FromPixels(pixels, Width, Height, backends.Target);

        (ImageComparison Result, byte[] Difference) Compared(IImageBackend referenceBackend)
        {
            using CudaImage reference = CudaImage.FromPixels(referencePixels, Width, Height, referenceBackend);
            ImageComparison comparison = image.Compare(reference, differenceImage: true);
            using CudaImage difference = comparison.DifferenceImage!;
            Assert.Same(backends.Target, difference.Backend);
            return (comparison with { DifferenceImage = null }, difference.ToArray());
        }

        (ImageComparison expected, byte[] expectedDifference) = Compared(backends.Target);
        (ImageComparison actual, byte[] actualDifference) = Compared(backends.Source);
        Assert.Equal(expected, actual);
        Assert.Equal(expectedDifference, actualDifference);
        Assert.False(actual.Identical);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_grid_of_images_from_both_devices_is_the_grid_of_images_from_one(string pair)
    {
        using BackendPair backends = BackendPair.Open(pair);
        (int Width, int Height)[] sizes = [(37, 21), (12, 40), (50, 9), (1, 1), (29, 29)];
        byte[][] inputs = sizes.Select((s, i) => RandomImages.Rgba(s.Width, s.Height, seed: 87 + i)).ToArray();

        // The first image (the sheet's backend) on the target, the others alternating.
        byte[] Grid(Join grid, bool spread)
        {
            CudaImage[] images = inputs.Select((p, i) => CudaImage.FromPixels(p, sizes[i].Width, sizes[i].Height,
                spread && i % 2 == 1 ? backends.Source : backends.Target)).ToArray();
            try
            {
                using CudaImage sheet = ImageOperations.Join(images, grid);
                Assert.Same(backends.Target, sheet.Backend);
                return sheet.ToArray();
            }
            finally
            {
                foreach (CudaImage image in images)
                {
                    image.Dispose();
                }
            }
        }

        Join asTheyAre = new(columns: 2, spacing: 3, background: new Rgba(9, 8, 7, 200));
        Assert.Equal(Grid(asTheyAre, spread: false), Grid(asTheyAre, spread: true));

        // Fitted into cells: each image is resized on its own device, so CPU and CUDA may differ by 1 there.
        Join fitted = new(columns: 3, spacing: 1, cellWidth: 16, cellHeight: 12, fit: ResizeFit.Cover);
        int tolerance = backends.Source.Kind == backends.Target.Kind ? 0 : 1;
        PixelAssert.Equal(Grid(fitted, spread: false), Grid(fitted, spread: true), 3 * 16 + 2, tolerance, backends.ToString());
    }

    /// <summary>A random image on the pair's target, changed by <paramref name="operation"/>, read back.</summary>
    private static byte[] OnTarget(BackendPair backends, int seed, Action<CudaImage> operation)
    {
        using CudaImage image = CudaImage.FromPixels(RandomImages.Rgba(Width, Height, seed), Width, Height, backends.Target);
        operation(image);
        return image.ToArray();
    }
}
