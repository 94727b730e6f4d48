using PhotoFF.Imaging;

namespace PhotoFF.CpuBench;

/// <summary>
/// The CPU backend's operations timed on a 12-megapixel image, each with the bytes its memory floor counts: each input
/// read once, each output written once. Every run starts from the same pixels (<see cref="Entry.Start"/>: the random
/// photo-sized image, the same image opaque as a photo is, or an opaque pill for the effects that need a shape).
/// </summary>
internal static class CpuOperations
{
    public const int Width = 4000;
    public const int Height = 3000;

    /// <param name="Name">The row's name in the table.</param>
    /// <param name="Bytes">The bytes the memory floor counts.</param>
    /// <param name="Operation">The work timed.</param>
    /// <param name="Start">The pixels each run starts from.</param>
    public sealed record Entry(string Name, long Bytes, Action<CudaImage> Operation, StartPixels Start = StartPixels.Random);

    /// <summary>What a run starts from: random pixels with opaque, transparent and mixed blocks; the same with alpha 255
    /// everywhere (a photo); or the pill shape.</summary>
    public enum StartPixels
    {
        Random,
        Opaque,
        Shape,
    }

    public static IEnumerable<Entry> All(CudaImage key, CudaImage logo)
    {
        long b = 4L * Width * Height;
        long small = 4L * 1920 * 1440;
        foreach ((double radius, int taps) in new[] { (5.0, 17), (10.0, 31), (20.0, 61), (50.0, 151) })
        {
            yield return new($"Invoke-GaussianBlur {radius} ({taps} taps)", 2 * b, image => image.GaussianBlur(radius));
        }

        yield return new("Invoke-GaussianBlur 5 (17 taps) of an opaque image (a photo)", 2 * b, image => image.GaussianBlur(5), StartPixels.Opaque);

        yield return new("Resize-CudaImage -Width 1920 (Bicubic, anti-aliased: 10 taps)", b + small, image => image.Resize(1920, null));
        yield return new("Resize-CudaImage -Width 1920 of an opaque image (a photo)", b + small, image => image.Resize(1920, null), StartPixels.Opaque);
        yield return new("Resize-CudaImage -Width 1920 -Interpolation Lanczos3 (14 taps)", b + small,
            image => image.Resize(1920, null, interpolation: ResizeInterpolation.Lanczos3));
        yield return new("Resize-CudaImage -Width 8000 (Bicubic upscale, 48 MP out)", b + 4 * b, image => image.Resize(8000, null));
        yield return new("Invoke-Sharpen 2 1 (unsharp mask: 7-tap blur + combine)", 2 * b + 3 * b, image => image.Sharpen(2, 1));
        yield return new("Add-Stroke 16 (distance field + composite)", 2 * b + 2 * b, image => image.Stroke(16, Rgba.White), StartPixels.Shape);
        yield return new("Add-Shadow 16 -OffsetX 8 -OffsetY 8 (distance field + composite)", 2 * b + 2 * b,
            image => image.Shadow(16, 0.6, Rgba.Black, 8, 8), StartPixels.Shape);
        yield return new("ConvertTo-Grayscale", 2 * b, image => image.Grayscale());
        yield return new("Invoke-ColorAdjustment (brightness, contrast, gamma, saturation)", 2 * b,
            image => image.ColorAdjustment(brightness: 0.05, contrast: 0.2, saturation: 1.3, gamma: 1.1));
        yield return new("Set-Opacity 0.5", 2 * b, image => image.Opacity(0.5));
        yield return new("Add-CornerRadius 40", 4L * 40 * 40 * 4 * 2, image => image.CornerRadius(40));
        yield return new("Invoke-ChromaKey -Color (green screen)", 2 * b, image => image.ColorKey(new Rgba(0, 255, 0), 0.3, 0.1));
        yield return new("Invoke-ChromaKey -KeyImage", 3 * b, image => image.ChromaKey(key));
        yield return new("Add-Overlay 512x512, opacity 0.5", 3L * 512 * 512 * 4, image => image.Overlay(logo, 100, 100, 0.5));
        yield return new("Invoke-Flip -Horizontal", 2 * b, image => image.Flip(horizontal: true, vertical: false));
        yield return new("Invoke-Rotate 90", 2 * b, image => image.Rotate(90));
        yield return new("Invoke-Crop 1920x1080 from the centre", 2L * 1920 * 1080 * 4, image => image.Crop(1040, 960, 1920, 1080));
        yield return new("Invoke-Fill -Gradient Radial", b, image => image.FillGradient(Rgba.White, Rgba.Black, GradientDirection.Radial));
        yield return new("Measure-CudaImage -Histogram", b, image => image.Measure(histogram: true));
        yield return new("Compare-CudaImage", 2 * b, image => image.Compare(key));
        yield return new("Compare-CudaImage, identical images (and the clone made to compare with)", 4 * b, image =>
        {
            using CudaImage twin = image.Clone();
            image.Compare(twin);
        });
    }
}
