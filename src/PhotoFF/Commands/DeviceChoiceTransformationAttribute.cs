using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Turns what a user types for -Device into a <see cref="DeviceChoice"/>: All, or a device ordinal (1, '1').</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class DeviceChoiceTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        try
        {
            return value switch
            {
                null => null,
                DeviceChoice choice => choice,
                int ordinal => DeviceChoice.Device(ordinal),
                long ordinal when ordinal is >= 0 and <= DeviceChoice.MaxOrdinal => DeviceChoice.Device((int)ordinal),
                double ordinal when ordinal == Math.Floor(ordinal) && ordinal is >= 0 and <= DeviceChoice.MaxOrdinal => DeviceChoice.Device((int)ordinal),
                string text => DeviceChoice.Parse(text),
                _ => DeviceChoice.Parse(value.ToString() ?? string.Empty),
            };
        }
        catch (Exception error) when (error is FormatException or ArgumentOutOfRangeException)
        {
            throw new ArgumentTransformationMetadataException(
                $"'{value}' is not a device: use All or a device ordinal, 0 to {DeviceChoice.MaxOrdinal} (Get-CudaDevice lists them).", error);
        }
    }
}
