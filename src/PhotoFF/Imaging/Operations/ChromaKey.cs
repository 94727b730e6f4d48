namespace PhotoFF.Imaging.Operations;

/// <summary>
/// PhotoFF's <c>apply_chroma_key</c>: pixels are keyed out by a channel of a key image of the same size. Where the key
/// image's <see cref="Channel"/> at the same position is greater than <see cref="Threshold"/> (with
/// <see cref="Invert"/>: less than or equal to it), the pixel's alpha becomes 0, and with
/// <see cref="ZeroAllChannels"/> all four channels become 0. Other pixels are unchanged.
/// </summary>
public sealed record ChromaKey
{
    public const ColorChannel DefaultChannel = ColorChannel.A;
    public const int DefaultThreshold = 128;

    public ChromaKey(CudaImage keyImage, ColorChannel channel = DefaultChannel, int threshold = DefaultThreshold, bool invert = false, bool zeroAllChannels = false)
    {
        ArgumentNullException.ThrowIfNull(keyImage);
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "The channel is R, G, B or A.");
        }

        if (threshold is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is 0 to 255.");
        }

        KeyImage = keyImage;
        Channel = channel;
        Threshold = threshold;
        Invert = invert;
        ZeroAllChannels = zeroAllChannels;
    }

    public CudaImage KeyImage { get; }

    public ColorChannel Channel { get; }

    public int Threshold { get; }

    public bool Invert { get; }

    public bool ZeroAllChannels { get; }

    /// <summary>Why <paramref name="keyImage"/> cannot key <paramref name="image"/> (another backend or device, another
    /// size), or null when it can.</summary>
    public static ArgumentException? Incompatibility(CudaImage image, CudaImage keyImage)
    {
        if (!ReferenceEquals(image.Backend, keyImage.Backend))
        {
            return new ArgumentException(
                $"The key image is on {keyImage.BackendKind} ({keyImage.Device}) but the image is on {image.BackendKind} ({image.Device}); " +
                "both must be on the same backend and device.", nameof(keyImage));
        }

        if (image.Width != keyImage.Width || image.Height != keyImage.Height)
        {
            return new ArgumentException(
                $"The key image is {keyImage.Width}x{keyImage.Height} but the image is {image.Width}x{image.Height}; " +
                "they must be the same size.", nameof(keyImage));
        }

        return null;
    }

    internal void Apply(CudaImage image)
    {
        SameImageGuard.Check(image, KeyImage, "The key image is the same image object as the image it keys.");
        if (Incompatibility(image, KeyImage) is { } error)
        {
            throw error;
        }

        image.Backend.ChromaKey(image.Pixels, KeyImage.Pixels, image.Width, image.Height, (int)Channel, Threshold, Invert, ZeroAllChannels);
    }
}
