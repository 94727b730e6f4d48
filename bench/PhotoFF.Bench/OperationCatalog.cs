using PhotoFF.Imaging;

namespace PhotoFF.Bench;

/// <summary>
/// Every GPU operation except the blur and the corner radius (BenchmarkCatalog), each with the bytes its memory floor
/// counts: each input read once, each output written once. Operations that change the image's size run on a fresh
/// device copy of the 4K image each time (<c>CopyFirst</c>); the program subtracts the measured copy time from those.
/// </summary>
internal static class OperationCatalog
{
    /// <param name="Name">The row's name in the results table.</param>
    /// <param name="Bytes">The bytes the memory floor counts.</param>
    /// <param name="Operation">The work timed.</param>
    /// <param name="CopyFirst">Runs on a fresh device copy of the image (for size-changing operations).</param>
    /// <param name="ResetFrom">Before each run, the image is overwritten from this one (a shape for the effects); the
    /// copy's time is subtracted too.</param>
    public sealed record Entry(string Name, long Bytes, Action<CudaImage> Operation, bool CopyFirst = false, CudaImage? ResetFrom = null);

    public static IEnumerable<Entry> Operations(CudaImage source, long imageBytes)
    {
        long b = imageBytes;
        long quarter = b / 4;
        Random random = new(2);
        byte[] logoPixels = new byte[512 * 512 * 4];
        random.NextBytes(logoPixels);
        CudaImage logo = CudaImage.FromPixels(logoPixels, 512, 512, source.Backend);
        CudaImage key = source.Clone();

        yield return new("Set-Opacity 0.5", 2 * b, image => image.Opacity(0.5));
        yield return new("ConvertTo-Grayscale", 2 * b, image => image.Grayscale());
        yield return new("Invoke-ColorAdjustment (brightness, contrast, gamma, saturation)", 2 * b,
            image => image.ColorAdjustment(brightness: 0.05, contrast: 0.2, saturation: 1.3, gamma: 1.1));
        yield return new("Invoke-ChromaKey -Color (green screen, soft edge)", 2 * b, image => image.ColorKey(new Rgba(0, 255, 0), 0.3, 0.1));
        yield return new("Invoke-ChromaKey -KeyImage (alpha of a second image)", 3 * b, image => image.ChromaKey(key));
        yield return new("Invoke-Flip -Horizontal", 2 * b, image => image.Flip(horizontal: true, vertical: false));
        yield return new("Invoke-Rotate 90", 2 * b, image => image.Rotate(90), CopyFirst: true);
        long rotatedBytes = 4406L * 3791 * 4;
        yield return new("Invoke-Rotate 30 (bilinear, canvas 4406x3791)", b + rotatedBytes, image => image.Rotate(30), CopyFirst: true);
        yield return new("Resize-CudaImage to 1920x1080 (Bicubic, anti-aliased)", b + quarter, image => image.Resize(1920, 1080), CopyFirst: true);
        yield return new("Resize-CudaImage to 1920x1080 (Lanczos3)", b + quarter,
            image => image.Resize(1920, 1080, interpolation: ResizeInterpolation.Lanczos3), CopyFirst: true);
        yield return new("Resize-CudaImage to 7680x4320 (Bicubic)", b + 4 * b, image => image.Resize(7680, 4320), CopyFirst: true);
        yield return new("Invoke-Crop 1920x1080 from the centre", 2 * quarter, image => image.Crop(960, 540, 1920, 1080), CopyFirst: true);
        yield return new("Invoke-Fill -Color", b, image => image.FillColor(new Rgba(10, 20, 30)));
        yield return new("Invoke-Fill -Gradient Radial", b, image => image.FillGradient(Rgba.White, Rgba.Black, GradientDirection.Radial));
        yield return new("Add-Overlay 512x512 at (100, 100), opacity 0.5", 3L * 512 * 512 * 4, image => image.Overlay(logo, 100, 100, 0.5));
        // The effects need a shape: an opaque pill (corners of radius 1080 cut from an opaque 4K image).
        CudaImage shape = CudaImage.Create(source.Width, source.Height, new Rgba(200, 120, 40), source.Backend).CornerRadius(1080);
        foreach (int width in new[] { 2, 16, 64 })
        {
            yield return new($"Add-Stroke {width} (outer)", 2 * b, image => image.Stroke(width, Rgba.White), ResetFrom: shape);
            yield return new($"Add-Stroke {width} -Inner", 2 * b, image => image.Stroke(width, Rgba.White, inner: true), ResetFrom: shape);
            yield return new($"Add-Shadow {width} (outer, offset 8,8)", 2 * b, image => image.Shadow(width, 0.6, Rgba.Black, 8, 8), ResetFrom: shape);
            yield return new($"Add-Shadow {width} -Inner", 2 * b, image => image.Shadow(width, 0.6, Rgba.Black, 8, 8, inner: true), ResetFrom: shape);
        }

        yield return new("Invoke-Sharpen 2 1 (unsharp mask: blur + combine)", 2 * b, image => image.Sharpen(2, 1));
        yield return new("Measure-CudaImage -Histogram (includes the download of the counts)", b, image => image.Measure(histogram: true));
        yield return new("Compare-CudaImage (includes the download of the counts)", 2 * b, image => image.Compare(key));
    }
}
