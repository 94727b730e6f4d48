using PhotoFF.Imaging;

namespace PhotoFF.Tests.Devices;

/// <summary>What -Device and PHOTOFF_DEVICE accept: All, or a device ordinal.</summary>
public sealed class DeviceChoiceTests
{
    [Theory]
    [InlineData("All")]
    [InlineData("all")]
    [InlineData(" ALL ")]
    public void All_is_every_device_in_any_case(string text)
    {
        DeviceChoice choice = DeviceChoice.Parse(text);
        Assert.True(choice.IsAll);
        Assert.Null(choice.Ordinal);
        Assert.Equal("All", choice.ToString());
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData(" 7 ", 7)]
    [InlineData("63", 63)]
    public void A_number_is_that_device(string text, int ordinal)
    {
        DeviceChoice choice = DeviceChoice.Parse(text);
        Assert.False(choice.IsAll);
        Assert.Equal(ordinal, choice.Ordinal);
        Assert.Equal(DeviceChoice.Device(ordinal), choice);
        Assert.Equal(ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture), choice.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("64")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("Al")]
    [InlineData("0x1")]
    public void Anything_else_is_refused_with_what_is_accepted(string text)
    {
        Assert.False(DeviceChoice.TryParse(text, out _, out string? error));
        Assert.Contains("All or a device ordinal, 0 to 63", error);
        Assert.Throws<FormatException>(() => DeviceChoice.Parse(text));
    }

    [Fact]
    public void The_default_value_is_device_zero_and_ordinals_out_of_range_are_refused()
    {
        Assert.Equal(DeviceChoice.Device(0), default);
        Assert.NotEqual(DeviceChoice.All, default);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceChoice.Device(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceChoice.Device(64));
    }
}
