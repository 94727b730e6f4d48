namespace PhotoFF.Imaging;

/// <summary>
/// Refuses one image object in two roles of an operation (the image and its overlay, key or reference). Operations
/// change images in place and pass the same object on, so after <c>$b = $a | Invoke-GaussianBlur 5</c> the two
/// variables hold one image; handing both to an operation that reads one while it writes the other, or compares them,
/// is almost always that surprise, and a silent result would hide it.
/// </summary>
internal static class SameImageGuard
{
    public const string ErrorId = "SameImage";

    /// <param name="image">The image the operation applies to.</param>
    /// <param name="other">The other image it takes.</param>
    /// <param name="problem">What is wrong, as a sentence: "The overlay is the same image object as the image it is laid on."</param>
    /// <exception cref="ImageOperationException">The two are one object.</exception>
    public static void Check(CudaImage image, CudaImage other, string problem)
    {
        if (ReferenceEquals(image, other))
        {
            throw new ImageOperationException(ErrorId,
                $"{problem} PhotoFF's cmdlets change an image in place and pass the same object on, so after " +
                "'$b = $a | Invoke-GaussianBlur 5' $a and $b are one image, blurred. Copy the image first to keep both: " +
                "'$b = $a | Copy-CudaImage | Invoke-GaussianBlur 5' (Get-Help about_PhotoFF).");
        }
    }
}
