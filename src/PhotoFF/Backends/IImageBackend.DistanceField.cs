namespace PhotoFF.Backends;

public partial interface IImageBackend
{
    /// <summary>The value <see cref="DistanceField"/> writes where no target pixel exists at all (and where the true
    /// squared distance would not fit an <see cref="int"/>): "infinitely far".</summary>
    const int NoTarget = int.MaxValue;

    /// <summary>The alpha from which a pixel belongs to the shape: the shape is the pixels with alpha 128 or more.</summary>
    const uint ShapeAlpha = 128;

    /// <summary>
    /// The exact Euclidean distance transform of the image's shape: writes, for each pixel, the squared distance (an
    /// <see cref="int"/>, centre to centre, in pixels squared) to the nearest target pixel into
    /// <paramref name="squaredDistances"/> (width x height ints, rows packed).
    /// <para>Outer (<paramref name="toBackground"/> false): the targets are the shape's pixels (alpha of
    /// <see cref="ShapeAlpha"/> or more); pixels of the shape get 0; an image without shape gets
    /// <see cref="NoTarget"/> everywhere. Inner (<paramref name="toBackground"/> true): the targets are the background
    /// pixels (alpha below <see cref="ShapeAlpha"/>) and everything outside the image, so background pixels get 0 and
    /// a fully opaque image measures to its own border.</para>
    /// <para>The target set is first moved by (<paramref name="offsetX"/>, <paramref name="offsetY"/>), targets moved
    /// outside the image included: a drop shadow's shape is the image's shape, offset.</para>
    /// <para>Computed as two exact separable passes (1-D distances along rows, then the lower envelope of parabolas
    /// along columns, Felzenszwalb and Huttenlocher) in integer arithmetic, so every backend writes the same
    /// integers; the cost is linear in the pixel count whatever the distances are.</para>
    /// </summary>
    void DistanceField(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, bool toBackground, int offsetX, int offsetY);
}
