using System.Collections;
using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>
/// Turns what a user types into an <see cref="Rgba"/>: '#RRGGBB', '#RRGGBBAA', '#RGB', a color name, or @(r, g, b[, a]).
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class RgbaTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        try
        {
            return value switch
            {
                Rgba color => color,
                string text => Rgba.Parse(text),
                IEnumerable items => Rgba.FromComponents(items.Cast<object>().Select(ToComponent).ToArray()),
                _ => throw new FormatException($"'{value}' is not a color."),
            };
        }
        catch (FormatException error)
        {
            throw new ArgumentTransformationMetadataException(error.Message, error);
        }
    }

    private static int ToComponent(object item)
    {
        object value = item is PSObject wrapped ? wrapped.BaseObject : item;
        return value switch
        {
            int i => i,
            byte b => b,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
            string s when int.TryParse(s, out int parsed) => parsed,
            _ => throw new FormatException($"'{value}' is not a color component (a whole number 0 to 255)."),
        };
    }
}
