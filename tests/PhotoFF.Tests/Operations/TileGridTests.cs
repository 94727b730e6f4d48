using PhotoFF.Backends.Cpu;

namespace PhotoFF.Tests.Operations;

/// <summary>The tiles of <see cref="TileGrid"/>: every pixel in exactly one, none empty, strips starting at multiples of
/// the alignment asked for.</summary>
public sealed class TileGridTests
{
    private static readonly int[] Alignments = [1, 8, 16, 128];

    [Fact]
    public void Tiles_cover_the_image_once_with_aligned_nonempty_strips()
    {
        Random random = new(11);
        for (int trial = 0; trial < 400; trial++)
        {
            int width = random.Next(1, 5000);
            int height = random.Next(1, 400);
            int alignment = Alignments[random.Next(Alignments.Length)];
            int stripWidth = Math.Max(1, random.Next(1, 9) * alignment);
            TileGrid grid = TileGrid.For(width, height, stripWidth, random.Next(1, 40), alignment);
            int[] covered = new int[width * height];
            for (int i = 0; i < grid.Count; i++)
            {
                TileGrid.Tile tile = grid[i];
                Assert.True(tile.Width > 0 && tile.Bottom > tile.Top, $"tile {i} of {width}x{height} is empty: {tile}");
                Assert.True(tile.Left % alignment == 0, $"tile {i} of {width}x{height} starts at column {tile.Left}, not a multiple of {alignment}");
                for (int y = tile.Top; y < tile.Bottom; y++)
                {
                    for (int x = tile.Left; x < tile.Right; x++)
                    {
                        covered[y * width + x]++;
                    }
                }
            }

            Assert.All(covered, count => Assert.Equal(1, count));
        }
    }
}
