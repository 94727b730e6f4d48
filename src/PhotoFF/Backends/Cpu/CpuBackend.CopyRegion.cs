namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void CopyRegion(PixelBuffer source, int sourceWidth, int sourceHeight, int sourceX, int sourceY, int width, int height,
        PixelBuffer destination, int destinationWidth, int destinationHeight, int x, int y)
    {
        ClippedRegion region = ClippedRegion.Of(sourceWidth, sourceHeight, sourceX, sourceY, width, height, destinationWidth, destinationHeight, x, y);
        if (region.IsEmpty)
        {
            return;
        }

        CpuPixelBuffer input = Own(source);
        CpuPixelBuffer output = Own(destination);
        long sourceCount = (long)sourceWidth * sourceHeight;
        long destinationCount = (long)destinationWidth * destinationHeight;
        ForEachRow(region.Width, region.Height, row =>
        {
            int sy = region.Top + row;
            ReadOnlySpan<uint> from = input.Pixels(sourceCount).Slice(sy * sourceWidth + region.Left, region.Width);
            from.CopyTo(output.Pixels(destinationCount).Slice((sy + region.OffsetY) * destinationWidth + region.Left + region.OffsetX, region.Width));
        });
    }
}
