namespace PhotoFF.Tests.Pipeline;

/// <summary>High-frequency energy: the mean absolute difference between horizontal and vertical neighbours, over the
/// colour channels of opaque pixels. Blurring lowers it.</summary>
public static class Sharpness
{
    public static double HighFrequencyEnergy(byte[] rgba, int width, int height)
    {
        double sum = 0;
        long count = 0;
        for (int y = 1; y < height - 1; y++)
        {
            for (int x = 1; x < width - 1; x++)
            {
                int i = (y * width + x) * 4;
                if (rgba[i + 3] < 255 || rgba[i + 4 + 3] < 255 || rgba[i + width * 4 + 3] < 255)
                {
                    continue;
                }

                for (int c = 0; c < 3; c++)
                {
                    sum += Math.Abs(rgba[i + c] - rgba[i + 4 + c]) + Math.Abs(rgba[i + c] - rgba[i + width * 4 + c]);
                    count += 2;
                }
            }
        }

        return count == 0 ? 0 : sum / count;
    }
}
