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

    private static bool Same(float value)
    {
        float expected = (float)Math.Round((double)value, MidpointRounding.AwayFromZero);
        return BitConverter.SingleToUInt32Bits(Premultiplied.RoundHalfAwayFromZero(value)) == BitConverter.SingleToUInt32Bits(expected);
    }
}
