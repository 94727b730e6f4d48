using System.Numerics;
using PhotoFF.Backends.Cpu;

namespace PhotoFF.Tests.Operations;

/// <summary>The scalar reference's rounding (what the kernels' roundf does) against a double-precision rounding, which
/// is exact for every float: all floats of the magnitudes where pixel values round, and the edges.</summary>
public sealed class RoundingTests
{
    [Fact]
    public void Every_float_from_a_sixteenth_to_2048_rounds_half_away_from_zero()
    {
        // Sixteen binades of 2^23 floats each, both signs: where every rounding decision of an 8-bit channel lies.
        uint first = BitConverter.SingleToUInt32Bits(0.0625f);
        uint last = BitConverter.SingleToUInt32Bits(2048f);
        long wrong = 0;
        Parallel.For(first, last + 1L, bits =>
        {
            float value = BitConverter.UInt32BitsToSingle((uint)bits);
            if (!Same(value) || !Same(-value))
            {
                Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.49999997f)]
    [InlineData(0.5f)]
    [InlineData(1e-30f)]
    [InlineData(254.49998f)]
    [InlineData(254.5f)]
    [InlineData(8388607.5f)]
    [InlineData(8388609f)]
    [InlineData(3.4e38f)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Edges_round_half_away_from_zero(float value)
    {
        Assert.True(Same(value));
        Assert.True(Same(-value));
    }

    [Fact]
    public void Bytes_are_clamped_and_nan_is_zero()
    {
        Assert.Equal(0u, Premultiplied.ToByte(-0.5f));
        Assert.Equal(0u, Premultiplied.ToByte(0.49999997f));
        Assert.Equal(1u, Premultiplied.ToByte(0.5f));
        Assert.Equal(255u, Premultiplied.ToByte(254.5f));
        Assert.Equal(255u, Premultiplied.ToByte(1e9f));
        Assert.Equal(0u, Premultiplied.ToByte(float.NaN));
    }

    [Fact]
    public void The_vector_rounding_to_bytes_equals_the_scalar_one_for_every_float_from_a_sixteenth_to_2048_and_the_edges()
    {
        // VectorMath.ToByte clamps first and adds the float below a half; Premultiplied.ToByte rounds first. Both signs of
        // the sixteen binades where rounding decisions lie, then zeros, tiny, huge, infinite and NaN values.
        uint first = BitConverter.SingleToUInt32Bits(0.0625f);
        uint last = BitConverter.SingleToUInt32Bits(2048f);
        int lanes = Vector<float>.Count;
        const uint Chunk = 1 << 20;
        long wrong = 0;
        Parallel.For(0, (last - first) / Chunk + 1, chunk =>
        {
            float[] values = new float[lanes];
            float[] negated = new float[lanes];
            long differences = 0;
            uint start = first + (uint)chunk * Chunk;
            uint end = (uint)Math.Min(last + 1L, start + (long)Chunk);
            for (uint bits = start; bits < end; bits += (uint)lanes)
            {
                for (int k = 0; k < lanes; k++)
                {
                    values[k] = BitConverter.UInt32BitsToSingle(bits + (uint)k);
                    negated[k] = -values[k];
                }

                differences += Differences(values) + Differences(negated);
            }

            Interlocked.Add(ref wrong, differences);
        });
        Assert.Equal(0, wrong);
        float[] edges = [0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, 0.49999997f, 0.5f, 254.49998f, 254.5f, 255f, 255.49998f, 255.5f,
            256f, 8388607.5f, 8388609f, 3.4e38f, -3.4e38f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN];
        for (int i = 0; i < edges.Length; i += lanes)
        {
            float[] values = new float[lanes];
            edges.AsSpan(i, Math.Min(lanes, edges.Length - i)).CopyTo(values);
            Assert.Equal(0, Differences(values));
        }
    }

    /// <summary>Lanes where the vector rounding to bytes differs from the scalar one (which gives 0 for NaN).</summary>
    private static int Differences(float[] values)
    {
        Vector<int> bytes = VectorMath.ToByte(new Vector<float>(values));
        int differences = 0;
        for (int k = 0; k < values.Length; k++)
        {
            differences += bytes[k] == (int)Premultiplied.ToByte(values[k]) ? 0 : 1;
        }

        return differences;
    }

    private static bool Same(float value)
    {
        float expected = (float)Math.Round((double)value, MidpointRounding.AwayFromZero);
        return BitConverter.SingleToUInt32Bits(Premultiplied.RoundHalfAwayFromZero(value)) == BitConverter.SingleToUInt32Bits(expected);
    }
}
