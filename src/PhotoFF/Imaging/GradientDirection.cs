namespace PhotoFF.Imaging;

/// <summary>How a gradient runs across the image (PhotoFF's fill_gradient directions).</summary>
public enum GradientDirection
{
    /// <summary>Left (From) to right (To).</summary>
    Horizontal,

    /// <summary>Top (From) to bottom (To).</summary>
    Vertical,

    /// <summary>Top-left corner (From) to bottom-right corner (To): t is the mean of the horizontal and vertical positions.</summary>
    Diagonal,

    /// <summary>Centre (From) out to the corners (To), along ellipses of the image's aspect ratio.</summary>
    Radial,
}
