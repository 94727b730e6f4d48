namespace PhotoFF.Imaging;

/// <summary>How an image meets a requested width and height when both are given.</summary>
public enum ResizeFit
{
    /// <summary>Exactly the requested size; the aspect ratio is not kept.</summary>
    Fill,

    /// <summary>Scaled to fit inside the box, keeping the aspect ratio, centred and padded with the background to exactly the box.</summary>
    Contain,

    /// <summary>Scaled to cover the box, keeping the aspect ratio, and cropped to exactly the box around the centre.</summary>
    Cover,

    /// <summary>Scaled to fit inside the box, keeping the aspect ratio, with no padding: no larger than the box.</summary>
    Inside,
}
