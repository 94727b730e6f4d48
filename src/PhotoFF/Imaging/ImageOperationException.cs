namespace PhotoFF.Imaging;

/// <summary>An operation refused for one image because of that image (its size, for example), with a stable id
/// that cmdlets report as the error's id. The image is left unchanged.</summary>
public sealed class ImageOperationException : InvalidOperationException
{
    public ImageOperationException(string errorId, string message)
        : base(message)
    {
        ErrorId = errorId;
    }

    /// <summary>The error id, such as "CropOutsideImage".</summary>
    public string ErrorId { get; }
}
