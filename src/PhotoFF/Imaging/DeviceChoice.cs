using System.Globalization;

namespace PhotoFF.Imaging;

/// <summary>
/// Which CUDA devices new images go to: one device, by its ordinal, or <see cref="All"/>, which spreads a batch over
/// every device (each image on the device with the least work queued; see Import-CudaImage -Device All). Parsed from
/// "All" or a whole number 0 to <see cref="MaxOrdinal"/>; the default value is device 0.
/// </summary>
public readonly record struct DeviceChoice
{
    /// <summary>The largest device ordinal accepted.</summary>
    public const int MaxOrdinal = 63;

    private const string AllName = "All";
    private const int AllDevices = -1;
    private readonly int ordinal;

    private DeviceChoice(int ordinal) => this.ordinal = ordinal;

    /// <summary>Every CUDA device of the machine (the CPU backend where there is none).</summary>
    public static DeviceChoice All => new(AllDevices);

    /// <summary>The device <paramref name="ordinal"/> alone.</summary>
    public static DeviceChoice Device(int ordinal) => ordinal is >= 0 and <= MaxOrdinal
        ? new DeviceChoice(ordinal)
        : throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"A device ordinal is 0 to {MaxOrdinal}.");

    /// <summary>True for <see cref="All"/>.</summary>
    public bool IsAll => ordinal == AllDevices;

    /// <summary>The one device chosen; null for <see cref="All"/>.</summary>
    public int? Ordinal => IsAll ? null : ordinal;

    public static DeviceChoice Parse(string text) =>
        TryParse(text, out DeviceChoice choice, out string? error) ? choice : throw new FormatException(error);

    public static bool TryParse(string? text, out DeviceChoice choice, out string? error)
    {
        string value = (text ?? string.Empty).Trim();
        choice = default;
        error = null;
        if (value.Equals(AllName, StringComparison.OrdinalIgnoreCase))
        {
            choice = All;
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number <= MaxOrdinal)
        {
            choice = new DeviceChoice(number);
            return true;
        }

        error = $"'{text}' is not a device: use All or a device ordinal, 0 to {MaxOrdinal} (Get-CudaDevice lists them).";
        return false;
    }

    public override string ToString() => IsAll ? AllName : ordinal.ToString(CultureInfo.InvariantCulture);
}
