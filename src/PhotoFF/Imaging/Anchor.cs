namespace PhotoFF.Imaging;

/// <summary>Where one image sits inside another: a corner, the middle of an edge, or the centre (9 anchors).</summary>
public enum Anchor
{
    TopLeft,
    Top,
    TopRight,
    Left,
    Center,
    Right,
    BottomLeft,
    Bottom,
    BottomRight,
}
