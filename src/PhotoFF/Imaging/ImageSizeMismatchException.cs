namespace PhotoFF.Imaging;

/// <summary>Two images that must have the same size do not.</summary>
public sealed class ImageSizeMismatchException : ArgumentException
{
    public ImageSizeMismatchException(string message, string parameterName)
        : base(message, parameterName)
    {
    }
}
