using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Keys out the pixels where <paramref name="keyImage"/>'s <paramref name="channel"/> is above
    /// <paramref name="threshold"/> (at or below it with <paramref name="invert"/>); returns the same image.</summary>
    public static CudaImage ChromaKey(this CudaImage image, CudaImage keyImage, ColorChannel channel = Operations.ChromaKey.DefaultChannel,
        int threshold = Operations.ChromaKey.DefaultThreshold, bool invert = false, bool zeroAllChannels = false) =>
        Apply(image, new ChromaKey(keyImage, channel, threshold, invert, zeroAllChannels).Apply);

    /// <summary>Makes the pixels within <paramref name="tolerance"/> (0..1) of <paramref name="color"/> transparent, with a
    /// soft edge <paramref name="softness"/> wide; returns the same image.</summary>
    public static CudaImage ColorKey(this CudaImage image, Rgba color, double tolerance, double softness = Operations.ColorKey.DefaultSoftness, bool suppressSpill = false) =>
        Apply(image, new ColorKey(color, tolerance, softness, suppressSpill).Apply);
}
